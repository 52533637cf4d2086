package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ExecResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Data survives a recreate: named volumes always, anonymous volumes unless -V renews them. */
class VolumesE2eTest {
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
        private static String stack(int version) {
            return """
                    services:
                      app:
                        image: jcompose/busybox:latest
                        command: ["sh", "-c", "exec httpd -f -p 8080"]
                        environment:
                          VERSION: "%d"
                        volumes:
                          - /scratch
                          - named:/named
                    volumes:
                      named: {}
                    """.formatted(version);
        }

        @Test
        void recreateKeepsAnonymousVolumeDataAndRenewAnonVolumesDropsIt() throws Exception {
            project.file("compose.yaml", stack(1)).ok("up", "-d");
            ContainerInfo first = project.container("app");
            assertEquals(0, project.exec(first, "sh", "-c", "echo kept > /scratch/m && echo kept > /named/m")
                    .exitCode());

            project.file("compose.yaml", stack(2)).ok("up", "-d");
            ContainerInfo second = project.container("app");
            assertNotEquals(first.id(), second.id(), "recreated");
            assertEquals("kept", read(second, "/scratch/m"), "anonymous volume reused by the replacement");
            assertEquals("kept", read(second, "/named/m"), "named volume");
            second.mounts().stream().filter(m -> "/scratch".equals(m.destination()))
                    .forEach(m -> project.removeAfterDown(m.name()));

            project.file("compose.yaml", stack(3)).ok("up", "-d", "-V");
            ContainerInfo third = project.container("app");
            assertNotEquals(second.id(), third.id(), "recreated");
            assertEquals("", read(third, "/scratch/m"), "-V gives a fresh anonymous volume");
            assertEquals("kept", read(third, "/named/m"), "named volume kept with -V");
        }

        private String read(ContainerInfo c, String path) throws InterruptedException {
            ExecResult r = project.exec(c, "sh", "-c", "cat " + path + " 2>/dev/null || true");
            return r.stdout().strip();
        }
    }
}
