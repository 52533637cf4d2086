package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.dns.EmbeddedDns;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared set-up of the root tests: real bridges, namespaces and rules (root). Everything is named with {@link Naming#TEST} and lives in
 * 10.213.0.0/16, a pool of the test's own; after each test the host holds zero residue, checked by {@link ResidueScan}.
 */
@Tag("root")
abstract class RootFixture {
    static final HostCommands HOST = new ProcessHostCommands(30);
    static final String POOL_PREFIX = "10.213.";

    @TempDir
    Path state;
    NetworkManager manager;
    EmbeddedDns dns;
    final List<AutoCloseable> extra = new ArrayList<>();

    @BeforeAll
    static void needsRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(HOST.run(List.of("ip", "-V")).ok() && HOST.run(List.of("iptables", "-w", "-S", "INPUT")).ok(),
                "needs ip and iptables");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")) || Files.isExecutable(Path.of("/bin/busybox")),
                "needs busybox");
    }

    /** Upstreams for the embedded DNS; loopback ones work because the daemon forwards from the host. */
    List<InetSocketAddress> upstreams() {
        return List.of();
    }

    NetworkManager newManager(List<InetSocketAddress> upstreams) {
        dns = new EmbeddedDns(53, () -> upstreams, Duration.ofSeconds(1));
        return new NetworkManager(new NetworkManager.Config(state, Naming.TEST, HOST, dns,
                new PoolPicker(List.of(Ipv4Subnet.parse("10.213.0.0/16")), 24), Path.of("/run/netns"), Path.of("/proc/sys")));
    }

    @BeforeEach
    void start() throws Exception {
        // Leftovers of an earlier, killed test run would skew this one: clear everything with the test names.
        NetworkManager sweeper = new NetworkManager(new NetworkManager.Config(state.resolve("sweep"),
                Naming.TEST, HOST, new EmbeddedDns(0, List::of, Duration.ofSeconds(1)), PoolPicker.defaults(),
                Path.of("/run/netns"), Path.of("/proc/sys")));
        sweeper.reconcile(java.util.Set.of());
        manager = newManager(upstreams());
        manager.start();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (manager != null) {
            manager.destroyAll();
            manager.close();
        }
        for (AutoCloseable c : extra) {
            c.close();
        }
        List<String> residue = new ResidueScan(HOST, Naming.TEST, POOL_PREFIX).residue();
        assertEquals(List.of(), residue, "nothing of the test is left on the host");
    }

    static HostCommands.Result inNetns(Path netns, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns.getFileName().toString(), "busybox"));
        argv.addAll(List.of(command));
        return HOST.run(argv);
    }

    static boolean ping(Path from, String ip) {
        return inNetns(from, "ping", "-c", "1", "-W", "1", ip).ok();
    }
}
