package dev.jcompose.engine;

import dev.jcompose.engine.ContainerSpec.Device;
import dev.jcompose.engine.ContainerSpec.HealthcheckSpec;
import dev.jcompose.engine.ContainerSpec.LogConfig;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.engine.ContainerSpec.Resources;
import dev.jcompose.engine.ContainerSpec.RestartPolicy;
import dev.jcompose.engine.ContainerSpec.Ulimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fluent builder for {@link ContainerSpec}; unset values stay empty/null (engine or image default). */
public final class ContainerSpecBuilder {
    private String name;
    private String image;
    private List<String> entrypoint;
    private List<String> cmd;
    private List<String> env = new ArrayList<>();
    private Map<String, String> labels = new LinkedHashMap<>();
    private String user;
    private String workingDir;
    private String hostname;
    private String domainname;
    private List<String> exposedPorts = new ArrayList<>();
    private List<PortBinding> portBindings = new ArrayList<>();
    private List<MountSpec> mounts = new ArrayList<>();
    private List<EndpointSpec> networks = new ArrayList<>();
    private String networkMode;
    private RestartPolicy restartPolicy;
    private String stopSignal;
    private Duration stopTimeout;
    private Boolean init;
    private HealthcheckSpec healthcheck;
    private List<String> capAdd = new ArrayList<>();
    private List<String> capDrop = new ArrayList<>();
    private boolean privileged;
    private boolean readOnly;
    private Map<String, String> tmpfs = new LinkedHashMap<>();
    private List<String> extraHosts = new ArrayList<>();
    private List<String> dns = new ArrayList<>();
    private List<String> dnsSearch = new ArrayList<>();
    private List<String> dnsOptions = new ArrayList<>();
    private Map<String, Ulimit> ulimits = new LinkedHashMap<>();
    private Map<String, String> sysctls = new LinkedHashMap<>();
    private Resources resources;
    private LogConfig logConfig;
    private boolean tty;
    private boolean stdinOpen;
    private List<String> securityOpt = new ArrayList<>();
    private List<String> groupAdd = new ArrayList<>();
    private List<Device> devices = new ArrayList<>();
    private boolean stdinOnce;
    private boolean autoRemove;

    ContainerSpecBuilder(String name, String image) {
        this.name = name;
        this.image = image;
    }

    ContainerSpecBuilder(ContainerSpec spec) {
        this.name = spec.name();
        this.image = spec.image();
        this.entrypoint = spec.entrypoint();
        this.cmd = spec.cmd();
        this.env = new ArrayList<>(spec.env());
        this.labels = new LinkedHashMap<>(spec.labels());
        this.user = spec.user();
        this.workingDir = spec.workingDir();
        this.hostname = spec.hostname();
        this.domainname = spec.domainname();
        this.exposedPorts = new ArrayList<>(spec.exposedPorts());
        this.portBindings = new ArrayList<>(spec.portBindings());
        this.mounts = new ArrayList<>(spec.mounts());
        this.networks = new ArrayList<>(spec.networks());
        this.networkMode = spec.networkMode();
        this.restartPolicy = spec.restartPolicy();
        this.stopSignal = spec.stopSignal();
        this.stopTimeout = spec.stopTimeout();
        this.init = spec.init();
        this.healthcheck = spec.healthcheck();
        this.capAdd = new ArrayList<>(spec.capAdd());
        this.capDrop = new ArrayList<>(spec.capDrop());
        this.privileged = spec.privileged();
        this.readOnly = spec.readOnly();
        this.tmpfs = new LinkedHashMap<>(spec.tmpfs());
        this.extraHosts = new ArrayList<>(spec.extraHosts());
        this.dns = new ArrayList<>(spec.dns());
        this.dnsSearch = new ArrayList<>(spec.dnsSearch());
        this.dnsOptions = new ArrayList<>(spec.dnsOptions());
        this.ulimits = new LinkedHashMap<>(spec.ulimits());
        this.sysctls = new LinkedHashMap<>(spec.sysctls());
        this.resources = spec.resources();
        this.logConfig = spec.logConfig();
        this.tty = spec.tty();
        this.stdinOpen = spec.stdinOpen();
        this.securityOpt = new ArrayList<>(spec.securityOpt());
        this.groupAdd = new ArrayList<>(spec.groupAdd());
        this.devices = new ArrayList<>(spec.devices());
        this.stdinOnce = spec.stdinOnce();
        this.autoRemove = spec.autoRemove();
    }

    public ContainerSpecBuilder name(String value) {
        this.name = value;
        return this;
    }

    public ContainerSpecBuilder image(String value) {
        this.image = value;
        return this;
    }

    public ContainerSpecBuilder entrypoint(List<String> value) {
        this.entrypoint = value == null ? null : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder entrypoint(String... value) {
        return entrypoint(List.of(value));
    }

    public ContainerSpecBuilder cmd(List<String> value) {
        this.cmd = value == null ? null : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder cmd(String... value) {
        return cmd(List.of(value));
    }

    public ContainerSpecBuilder env(List<String> value) {
        this.env = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder env(String... value) {
        return env(List.of(value));
    }

    public ContainerSpecBuilder labels(Map<String, String> value) {
        this.labels = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
        return this;
    }

    public ContainerSpecBuilder user(String value) {
        this.user = value;
        return this;
    }

    public ContainerSpecBuilder workingDir(String value) {
        this.workingDir = value;
        return this;
    }

    public ContainerSpecBuilder hostname(String value) {
        this.hostname = value;
        return this;
    }

    public ContainerSpecBuilder domainname(String value) {
        this.domainname = value;
        return this;
    }

    public ContainerSpecBuilder exposedPorts(List<String> value) {
        this.exposedPorts = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder exposedPorts(String... value) {
        return exposedPorts(List.of(value));
    }

    public ContainerSpecBuilder portBindings(List<PortBinding> value) {
        this.portBindings = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder mounts(List<MountSpec> value) {
        this.mounts = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder networks(List<EndpointSpec> value) {
        this.networks = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder networkMode(String value) {
        this.networkMode = value;
        return this;
    }

    public ContainerSpecBuilder restartPolicy(RestartPolicy value) {
        this.restartPolicy = value;
        return this;
    }

    public ContainerSpecBuilder stopSignal(String value) {
        this.stopSignal = value;
        return this;
    }

    public ContainerSpecBuilder stopTimeout(Duration value) {
        this.stopTimeout = value;
        return this;
    }

    public ContainerSpecBuilder init(Boolean value) {
        this.init = value;
        return this;
    }

    public ContainerSpecBuilder healthcheck(HealthcheckSpec value) {
        this.healthcheck = value;
        return this;
    }

    public ContainerSpecBuilder capAdd(List<String> value) {
        this.capAdd = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder capAdd(String... value) {
        return capAdd(List.of(value));
    }

    public ContainerSpecBuilder capDrop(List<String> value) {
        this.capDrop = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder capDrop(String... value) {
        return capDrop(List.of(value));
    }

    public ContainerSpecBuilder privileged(boolean value) {
        this.privileged = value;
        return this;
    }

    public ContainerSpecBuilder readOnly(boolean value) {
        this.readOnly = value;
        return this;
    }

    public ContainerSpecBuilder tmpfs(Map<String, String> value) {
        this.tmpfs = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
        return this;
    }

    public ContainerSpecBuilder extraHosts(List<String> value) {
        this.extraHosts = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder extraHosts(String... value) {
        return extraHosts(List.of(value));
    }

    public ContainerSpecBuilder dns(List<String> value) {
        this.dns = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder dns(String... value) {
        return dns(List.of(value));
    }

    public ContainerSpecBuilder dnsSearch(List<String> value) {
        this.dnsSearch = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder dnsSearch(String... value) {
        return dnsSearch(List.of(value));
    }

    public ContainerSpecBuilder dnsOptions(List<String> value) {
        this.dnsOptions = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder dnsOptions(String... value) {
        return dnsOptions(List.of(value));
    }

    public ContainerSpecBuilder ulimits(Map<String, Ulimit> value) {
        this.ulimits = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
        return this;
    }

    public ContainerSpecBuilder sysctls(Map<String, String> value) {
        this.sysctls = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
        return this;
    }

    public ContainerSpecBuilder resources(Resources value) {
        this.resources = value;
        return this;
    }

    public ContainerSpecBuilder logConfig(LogConfig value) {
        this.logConfig = value;
        return this;
    }

    public ContainerSpecBuilder tty(boolean value) {
        this.tty = value;
        return this;
    }

    public ContainerSpecBuilder stdinOpen(boolean value) {
        this.stdinOpen = value;
        return this;
    }

    public ContainerSpecBuilder securityOpt(List<String> value) {
        this.securityOpt = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder securityOpt(String... value) {
        return securityOpt(List.of(value));
    }

    public ContainerSpecBuilder groupAdd(List<String> value) {
        this.groupAdd = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder groupAdd(String... value) {
        return groupAdd(List.of(value));
    }

    public ContainerSpecBuilder devices(List<Device> value) {
        this.devices = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public ContainerSpecBuilder stdinOnce(boolean value) {
        this.stdinOnce = value;
        return this;
    }

    public ContainerSpecBuilder autoRemove(boolean value) {
        this.autoRemove = value;
        return this;
    }

    public ContainerSpecBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public ContainerSpecBuilder network(EndpointSpec endpoint) {
        networks.add(endpoint);
        return this;
    }

    public ContainerSpecBuilder mount(MountSpec mount) {
        mounts.add(mount);
        return this;
    }

    public ContainerSpecBuilder portBinding(PortBinding binding) {
        portBindings.add(binding);
        return this;
    }

    public ContainerSpec build() {
        return new ContainerSpec(name, image, entrypoint, cmd, env, labels, user, workingDir, hostname, domainname,
                exposedPorts, portBindings, mounts, networks, networkMode, restartPolicy, stopSignal,
                stopTimeout, init, healthcheck, capAdd, capDrop, privileged, readOnly, tmpfs, extraHosts,
                dns, dnsSearch, dnsOptions, ulimits, sysctls, resources, logConfig, tty, stdinOpen,
                securityOpt, groupAdd, devices, stdinOnce, autoRemove);
    }
}
