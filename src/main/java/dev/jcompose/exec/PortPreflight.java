package dev.jcompose.exec;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.PublishedPort;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.PortSpec;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.plan.OperationType;
import dev.jcompose.plan.Plan;
import dev.jcompose.plan.PlanNode;
import dev.jcompose.state.Labels;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Port is already allocated" found before anything changes: the engine would only report it when the container
 * starts, after its dependencies were created and started, leaving the project half up. For every fixed host port
 * of a container the plan starts, try to bind it on this host (only meaningful when the engine runs here); ports
 * the project's own running containers publish are skipped, since a recreate frees them before its start.
 */
public final class PortPreflight {
    private PortPreflight() {
    }

    public static void check(Engine engine, Project project, Plan plan) {
        Set<String> starting = new TreeSet<>();
        for (PlanNode n : plan.nodes()) {
            if (n.operation().type() == OperationType.START_CONTAINER && n.operation().service() != null) {
                starting.add(n.operation().service());
            }
        }
        List<Service> withPorts = starting.stream().map(project::service)
                .filter(s -> s != null && s.ports().stream().anyMatch(p -> p.published() != null)).toList();
        if (withPorts.isEmpty()) {
            return;
        }
        Set<String> held = heldByProject(engine, project.name());
        for (Service s : withPorts) {
            for (PortSpec p : s.ports()) {
                for (int port : hostPorts(p.published())) {
                    if (!held.contains(port + "/" + p.protocol()) && inUse(p.hostIp(), port, p.protocol())) {
                        throw new ComposeException(ComposeException.Kind.CONFLICT, "service " + s.name() + ": Bind for "
                                + (p.hostIp() == null || p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + port
                                + " failed: port is already allocated (nothing was changed)");
                    }
                }
            }
        }
    }

    private static Set<String> heldByProject(Engine engine, String project) {
        Set<String> held = new HashSet<>();
        for (ContainerSummary c : engine.listContainers(List.of(Labels.PROJECT + "=" + project), false)) {
            for (PublishedPort p : c.ports()) {
                if (p.hostPort() > 0) {
                    held.add(p.hostPort() + "/" + p.protocol());
                }
            }
        }
        return held;
    }

    /** "8080" or "8000-8010"; an unparsable value is left for the engine to reject. */
    static List<Integer> hostPorts(String published) {
        List<Integer> out = new ArrayList<>();
        if (published == null || published.isBlank()) {
            return out;
        }
        try {
            int dash = published.indexOf('-');
            int from = Integer.parseInt(published.substring(0, dash < 0 ? published.length() : dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(published.substring(dash + 1).trim());
            if (to - from > 1000) {
                return out; // a wide range is the engine's to pick from: any free port in it will do
            }
            for (int p = from; p <= to && p > 0; p++) {
                out.add(p);
            }
        } catch (NumberFormatException e) {
            return List.of();
        }
        return out;
    }

    /** True only when binding fails because the address is in use (not for addresses foreign to this host). */
    static boolean inUse(String hostIp, int port, String protocol) {
        InetSocketAddress address;
        try {
            address = hostIp == null || hostIp.isEmpty() ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(hostIp), port);
        } catch (IOException e) {
            return false;
        }
        try {
            if ("udp".equalsIgnoreCase(protocol)) {
                try (DatagramSocket s = new DatagramSocket(null)) {
                    s.bind(address);
                }
            } else {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true); // a port in TIME_WAIT is free for the engine too
                    s.bind(address);
                }
            }
            return false;
        } catch (BindException e) {
            return e.getMessage() != null && e.getMessage().toLowerCase().contains("in use");
        } catch (SocketException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
