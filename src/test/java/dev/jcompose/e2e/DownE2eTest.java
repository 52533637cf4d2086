package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.NetworkInfo;
import dev.jcompose.engine.VolumeInfo;
import dev.jcompose.runtime.network.ResidueScan;
import dev.jcompose.state.Labels;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** `down` removes exactly what it should: containers and networks always, named volumes only with -v. */
class DownE2eTest {
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

        /** The engine's own host objects (bridges, veths, namespaces, rules, DNS listeners): down leaves none. */
        @Test
        void downLeavesNoLinkNamespaceRuleOrListenerBehind() throws Exception {
            Set<String> before = new TreeSet<>(ResidueScan.daemonTestResidue());
            webapp().ok("up", "-d", "--wait");
            Set<String> up = new TreeSet<>(ResidueScan.daemonTestResidue());
            assertTrue(up.containsAll(before) && up.size() > before.size(), "control: up made host objects " + up);

            project.ok("down", "-t", "1");

            assertEquals(before, new TreeSet<>(ResidueScan.daemonTestResidue()), "host objects after down");
        }
    }

    abstract static class Cases extends E2eTest {
        @Test
        void downRemovesContainersAndNetworksAndKeepsVolumes() throws Exception {
            webapp().ok("up", "-d", "--wait");
            assertEquals(List.of(project.name + "_back", project.name + "_front"), networkNames());
            assertEquals(List.of(project.name + "_data"), volumeNames());

            project.ok("down", "-t", "1");

            assertEquals(List.of(), project.allContainers(), "containers");
            assertEquals(List.of(), networkNames(), "networks");
            assertEquals(List.of(project.name + "_data"), volumeNames(), "the named volume stays without -v");
        }

        @Test
        void downWithVolumesAlsoRemovesTheNamedVolume() throws Exception {
            webapp().ok("up", "-d", "--wait");

            project.ok("down", "-v", "-t", "1");

            assertEquals(List.of(), project.allContainers(), "containers");
            assertEquals(List.of(), networkNames(), "networks");
            assertEquals(List.of(), volumeNames(), "volumes");
        }

        private List<String> networkNames() {
            return project.engine.listNetworks(List.of(Labels.PROJECT + "=" + project.name)).stream()
                    .map(NetworkInfo::name).sorted().toList();
        }

        private List<String> volumeNames() {
            return project.engine.listVolumes(List.of(Labels.PROJECT + "=" + project.name)).stream()
                    .map(VolumeInfo::name).sorted().toList();
        }
    }
}
