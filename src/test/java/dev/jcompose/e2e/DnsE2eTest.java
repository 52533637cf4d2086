package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ExecResult;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Names resolve inside containers: service names, declared aliases, one address per replica; networks isolate. */
class DnsE2eTest {
    @Nested
    @Tag("docker")
    class OnDockerd extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.dockerd();
        }
    }

    @Nested
    @Tag("root")
    @ExtendWith(EmbeddedEngineExtension.class)
    class OnEmbedded extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.embedded();
        }
    }

    abstract static class Cases extends E2eTest {
        private static final Pattern ADDRESS = Pattern.compile("^Address:?\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)$",
                Pattern.MULTILINE);

        @Test
        void serviceNameAndAliasResolveToTheApiOnTheSharedNetwork() throws Exception {
            webapp().ok("up", "-d", "--wait");
            ContainerInfo worker = project.container("worker");
            String apiOnBack = ip(project.container("api"), project.name + "_back");

            assertEquals(Set.of(apiOnBack), awaitAddresses(worker, "api", 1), "api from worker");
            assertEquals(Set.of(apiOnBack), awaitAddresses(worker, "backend", 1), "alias backend from worker");
        }

        @Test
        void webOnTheFrontNetworkCannotResolveTheWorker() throws Exception {
            webapp().ok("up", "-d", "--wait");
            ContainerInfo web = project.container("web");
            // Positive control first: DNS works from web, for a service it shares a network with.
            String apiOnFront = ip(project.container("api"), project.name + "_front");
            assertEquals(Set.of(apiOnFront), awaitAddresses(web, "api", 1), "api from web");

            ExecResult r = project.exec(web, "nslookup", "worker");
            assertNotEquals(0, r.exitCode(), "worker is only on back: " + r);
            assertEquals(Set.of(), addresses(r.stdout()), r.toString());
            ExecResult alias = project.exec(web, "nslookup", "backend");
            assertNotEquals(0, alias.exitCode(), "the alias exists only on back: " + alias);
        }

        @Test
        void threeReplicasGiveThreeAddressesForOneName() throws Exception {
            project.example("scale").ok("up", "-d", "--scale", "api=3");
            var replicas = project.containers("api");
            assertEquals(3, replicas.size(), replicas.toString());
            Set<String> expected = replicas.stream().map(c -> ip(c, project.name + "_default"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(3, expected.size(), "distinct addresses " + expected);

            assertEquals(expected, awaitAddresses(project.container("client"), "api", 3));
        }

        private static String ip(ContainerInfo c, String network) {
            ContainerInfo.Attachment a = c.networks().get(network);
            if (a == null || a.ipv4Address().isEmpty()) {
                throw new AssertionError(c.name() + " has no address on " + network + ": " + c.networks());
            }
            return a.ipv4Address();
        }

        /** nslookup NAME in the container until it answers {@code count} addresses (DNS is eventually consistent). */
        private Set<String> awaitAddresses(ContainerInfo c, String name, int count) {
            return Poll.until(count + " address(es) for " + name + " from " + c.name(), READY, () -> {
                try {
                    ExecResult r = project.exec(c, "nslookup", name);
                    Set<String> found = addresses(r.stdout());
                    return r.exitCode() == 0 && found.size() == count ? Optional.of(found) : Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }

        /** busybox nslookup prints the server first ("Address: 127.0.0.11:53"), then one line per answer. */
        static Set<String> addresses(String nslookup) {
            Set<String> out = new TreeSet<>();
            int answers = nslookup.indexOf("Name:");
            if (answers < 0) {
                return out;
            }
            Matcher m = ADDRESS.matcher(nslookup.substring(answers));
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }
}
