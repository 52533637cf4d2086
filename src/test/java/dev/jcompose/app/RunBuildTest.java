package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.build.BuildPolicy;
import dev.jcompose.engine.BuildFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` of services with build sections: the target's image built when missing, everything with --build. */
class RunBuildTest {
    static final String STACK = """
            services:
              db:
                build: ./db
              tool:
                build: ./tool
                depends_on: [db]
              other:
                build: ./other
            """;

    @TempDir
    Path dir;
    FakeProject p;
    final SplittableRandom random = new SplittableRandom(3);

    @BeforeEach
    void setUp() throws IOException {
        for (String ctx : List.of("db", "tool", "other")) {
            Files.createDirectories(dir.resolve(ctx));
            Files.writeString(dir.resolve(ctx).resolve("Dockerfile"), "FROM busybox:latest\nCOPY . /src\n");
        }
        p = new FakeProject(dir, STACK);
    }

    private RunService.OneOff run(BuildPolicy policy) {
        RunService run = new RunService(p.selected(), p.project, p.listener(), -1, FakeProject.ENV,
                random);
        return run.create(RunRequest.of("tool", List.of("true")).withRemove(true), policy);
    }

    /** Image tags built so far, in build order. */
    private List<String> built() {
        return p.fake.builds().recorded().stream().map(r -> r.spec().tags().getFirst()).toList();
    }

    @Test
    void missingImagesAreBuiltThenReused() {
        run(BuildPolicy.MISSING);
        assertEquals(List.of("demo-tool", "demo-db"), built(), "the target first, then its dependency; not other");
        assertEquals(1, p.fake.listContainers(List.of("com.docker.compose.service=db"), true).size());
        run(BuildPolicy.MISSING);
        assertEquals(2, built().size(), "present images are not rebuilt without --build");
    }

    @Test
    void runBuildRebuildsTheTargetAndItsDependencies() {
        run(BuildPolicy.MISSING);
        run(BuildPolicy.ALWAYS);
        assertEquals(List.of("demo-tool", "demo-db", "demo-tool", "demo-db"), built());
        assertTrue(built().stream().noneMatch(t -> t.equals("demo-other")));
    }

    @Test
    void aFailingBuildCreatesNothing() {
        p.fake.builds().failFor("demo-tool", "COPY failed: no source files", 1);
        assertThrows(BuildFailedException.class, () -> run(BuildPolicy.ALWAYS));
        assertTrue(p.containers().isEmpty(), p.containers().toString());
        assertTrue(p.fake.listNetworks(List.of("com.docker.compose.project=demo")).isEmpty());
    }
}
