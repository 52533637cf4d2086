package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** `jcompose cp` both ways, a file and a directory, on dockerd and on the embedded engine alike. */
class CpE2eTest {
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
        void copiesFilesAndDirectoriesBothWays() throws Exception {
            project.example("hello").env(Map.of("HELLO_PORT", String.valueOf(E2eProject.freePort())));
            project.ok("up", "-d");
            Path src = Files.createDirectories(tmp.resolve("src/sub"));
            Files.writeString(src.resolve("inner.txt"), "inner\n");
            Files.writeString(tmp.resolve("one.txt"), "one\n");

            project.ok("cp", tmp.resolve("one.txt").toString(), "web:/tmp/one.txt");
            project.ok("cp", tmp.resolve("src").toString(), "web:/tmp/src");
            assertEquals("one\n", project.exec(project.container("web"), "cat", "/tmp/one.txt").stdout());
            assertEquals("inner\n", project.exec(project.container("web"), "cat", "/tmp/src/sub/inner.txt").stdout());

            project.ok("cp", "web:/www/index.html", tmp.resolve("index.html").toString());
            project.ok("cp", "web:/tmp/src", tmp.resolve("back").toString());
            assertTrue(Files.readString(tmp.resolve("index.html")).contains("hello"), "the page came back");
            assertEquals("inner\n", Files.readString(tmp.resolve("back/sub/inner.txt")));
        }
    }
}
