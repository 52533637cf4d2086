package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ExecResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's main command on compose-examples/build-demo: {@code up -d --build} builds both images (a
 * Dockerfile with a build arg and a .dockerignore, and a dockerfile_inline) and starts them; a second run reuses
 * the cache and recreates nothing. On dockerd and on the embedded engine's own builder.
 */
class BuildE2eTest {
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
        @Test
        void upBuildBuildsBothServicesAndASecondRunChangesNothing() throws Exception {
            project.example("build-demo").env(Map.of("GREETING", "built by " + target().name()));
            try {
                project.ok("up", "-d", "--build");
                ContainerInfo web = project.container("web");
                ContainerInfo api = project.container("api");
                assertEquals("built by " + target().name() + "\n", cat(web, "/www/greeting.txt"));
                assertEquals(List.of("greeting.txt", "index.html"), List.of(ls(web).split("\n")),
                        ".dockerignore keeps notes.md, Dockerfile and .dockerignore out");
                assertNotEquals("", cat(api, "/www/reply.txt"));
                assertEquals("build-demo", project.engine.inspectImage(web.imageId()).config().labels()
                        .get("dev.jcompose.example"));

                project.ok("up", "-d", "--build");
                assertEquals(web.id(), project.container("web").id(), "cached rebuild recreates nothing");
                assertEquals(api.id(), project.container("api").id());
            } finally {
                project.jc("down", "-t", "0");
                for (String service : List.of("web", "api")) {
                    try {
                        project.engine.removeImage(project.name + "-" + service, true);
                    } catch (RuntimeException e) {
                        // not built
                    }
                }
            }
        }

        private String cat(ContainerInfo c, String file) throws InterruptedException {
            ExecResult r = project.exec(c, "cat", file);
            assertEquals(0, r.exitCode(), r.stderr());
            return r.stdout();
        }

        private String ls(ContainerInfo c) throws InterruptedException {
            ExecResult r = project.exec(c, "ls", "/www");
            assertEquals(0, r.exitCode(), r.stderr());
            return r.stdout();
        }
    }
}
