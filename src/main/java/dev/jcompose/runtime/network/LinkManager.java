package dev.jcompose.runtime.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Executes {@link LinkPlan} batches and reads the host's links, namespaces and address space. */
public final class LinkManager {
    private final HostCommands host;

    public LinkManager(HostCommands host) {
        this.host = host;
    }

    /** Runs a batch; a failing line of a non-force batch is an error naming the line ip reported. */
    public void apply(IpBatch batch) {
        HostCommands.Result r = host.run(batch.argv(), batch.script());
        if (!r.ok() && !batch.force()) {
            throw new RuntimeError(500, "ip failed (" + r.stderr().strip() + ") running:\n" + batch.render());
        }
    }

    /** Teardown: errors such as "Cannot find device" mean the object is already gone, which is the goal. */
    public void applyIgnoringErrors(IpBatch batch) {
        host.run(batch.argv(), batch.script());
    }

    public Set<String> links() {
        Set<String> names = new TreeSet<>();
        for (JsonNode link : json(List.of("ip", "-j", "link", "show"))) {
            names.add(link.path("ifname").asText());
        }
        return names;
    }

    public boolean linkExists(String name) {
        return host.run(List.of("ip", "link", "show", "dev", name)).ok();
    }

    /** Names under /run/netns. */
    public Set<String> netns() {
        Set<String> names = new TreeSet<>();
        for (JsonNode ns : json(List.of("ip", "-j", "netns", "list"))) {
            names.add(ns.path("name").asText());
        }
        return names;
    }

    /** Routes and interface subnets in use on the host, for {@link PoolPicker}. */
    public List<Ipv4Subnet> hostAddressSpace() {
        HostCommands.Result routes = host.run(List.of("ip", "-j", "-4", "route", "show"));
        HostCommands.Result addrs = host.run(List.of("ip", "-j", "-4", "addr", "show"));
        if (!routes.ok() || !addrs.ok()) {
            throw new RuntimeError(500, "cannot read the host's routes: " + routes.stderr() + addrs.stderr());
        }
        return HostAddressSpace.parse(routes.stdout(), addrs.stdout());
    }

    private JsonNode json(List<String> argv) {
        HostCommands.Result r = host.run(argv);
        if (!r.ok()) {
            throw new RuntimeError(500, String.join(" ", argv) + " failed: " + r.stderr().strip());
        }
        try {
            // `ip -j netns list` prints nothing at all when there is no namespace.
            return r.stdout().isBlank() ? StateJson.MAPPER.createArrayNode() : StateJson.MAPPER.readTree(r.stdout());
        } catch (IOException e) {
            throw new RuntimeError(500, "cannot parse " + String.join(" ", argv) + " output", e);
        }
    }
}
