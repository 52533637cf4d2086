package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.build.BuildPolicy;
import dev.jcompose.engine.BuildFailedException;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import dev.jcompose.plan.Plan;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `up` with build sections on the fake engine: what gets built, and what that changes for containers. */
class UpBuildTest {
    @TempDir
    Path dir;
    FakeEngine fake;

    static final String STACK = """
            services:
              a: {build: ./a}
              b: {build: ./b}
              c: {build: ./c, depends_on: [a]}
            """;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeEngine();
        fake.addImage("jcompose/busybox:latest", ImageConfig.EMPTY);
        for (String ctx : List.of("a", "b", "c")) {
            Files.createDirectories(dir.resolve(ctx));
            Files.writeString(dir.resolve(ctx).resolve("Dockerfile"), "FROM jcompose/busybox:latest\nCOPY . /src\n");
            Files.writeString(dir.resolve(ctx).resolve("file.txt"), ctx);
        }
        Files.writeString(dir.resolve("compose.yaml"), STACK);
    }

    private Plan up(BuildPolicy policy, String... services) {
        return upWithPull(policy, null, services);
    }

    private Plan upWithPull(BuildPolicy policy, String pull, String... services) {
        Map<String, String> env = Map.of("JCOMPOSE_LOCK_WAIT", "5");
        Project p = ProjectLoader.load(LoadOptions.defaults(dir, env).withProjectName("demo")).project();
        ComposeApp app = new ComposeApp(new EngineSelector.Selected(fake, "fake", URI.create("fake:/"), false), p,
                e -> { }, -1, env);
        UpRequest d = UpRequest.defaults();
        UpRequest req = new UpRequest(List.of(services), false, false, false, false, false, false, false, Map.of(),
                pull, false, false, null, d.stopTimeout(), false);
        return app.up(req, policy);
    }

    private Map<String, String> containers() {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .collect(Collectors.toMap(ContainerSummary::name, ContainerSummary::id, (x, y) -> x, TreeMap::new));
    }

    private int builds() {
        return fake.builds().recorded().size();
    }

    @Test
    void missingImagesAreBuiltOnceAndUpWithBuildReusesTheCache() {
        up(BuildPolicy.MISSING);
        assertEquals(3, builds());
        Map<String, String> first = containers();
        assertEquals(List.of("demo-a-1", "demo-b-1", "demo-c-1"), List.copyOf(first.keySet()));
        assertEquals(fake.inspectImage("demo-a").id(),
                fake.inspectContainer("demo-a-1").config().labels().get("com.docker.compose.image"));

        up(BuildPolicy.MISSING);
        assertEquals(3, builds(), "present images are not rebuilt");
        assertEquals(first, containers());
        up(BuildPolicy.ALWAYS);
        assertEquals(6, builds(), "--build rebuilds every service with a build section");
        assertEquals(first, containers(), "the same inputs give the same images: nothing is recreated");
    }

    @Test
    void aChangedContextRecreatesExactlyItsService() throws IOException {
        up(BuildPolicy.ALWAYS);
        Map<String, String> before = containers();
        String imageBefore = fake.inspectContainer("demo-b-1").config().labels().get("com.docker.compose.image");
        Files.writeString(dir.resolve("b/file.txt"), "changed");
        up(BuildPolicy.ALWAYS);
        Map<String, String> after = containers();
        assertNotEquals(before.get("demo-b-1"), after.get("demo-b-1"));
        assertEquals(before.get("demo-a-1"), after.get("demo-a-1"));
        assertEquals(before.get("demo-c-1"), after.get("demo-c-1"));
        assertNotEquals(imageBefore,
                fake.inspectContainer("demo-b-1").config().labels().get("com.docker.compose.image"));
    }

    @Test
    void pullAlwaysNeverPullsImagesThatOnlyABuildMakes() {
        up(BuildPolicy.MISSING);
        Map<String, String> before = containers();
        upWithPull(BuildPolicy.MISSING, "always");
        assertEquals(3, builds());
        assertEquals(before, containers());
    }

    @Test
    void noBuildLeavesAMissingImageMissing() {
        var e = assertThrows(ComposeException.class, () -> up(BuildPolicy.NEVER));
        assertTrue(e.getMessage().contains("build it first"), e.getMessage());
        assertEquals(0, builds());
        assertEquals(Map.of(), containers());
    }

    @Test
    void aFailedBuildCreatesNothing() {
        fake.builds().failFor("demo-c", "The command '/bin/sh -c false' returned a non-zero code: 1", 1);
        assertThrows(BuildFailedException.class, () -> up(BuildPolicy.MISSING));
        assertEquals(Map.of(), containers());
        assertTrue(fake.listNetworks(List.of("com.docker.compose.project=demo")).isEmpty());
    }

    @Test
    void onlyTheStartedServicesAreBuilt() {
        up(BuildPolicy.MISSING, "c");
        assertEquals(List.of("demo-a", "demo-c"), fake.builds().recorded().stream()
                .map(r -> r.spec().primaryTag()).sorted().toList());
        assertEquals(List.of("demo-a-1", "demo-c-1"), List.copyOf(containers().keySet()));
    }
}
