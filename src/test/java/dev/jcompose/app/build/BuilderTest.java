package dev.jcompose.app.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.BuildFailedException;
import dev.jcompose.engine.BuildSpec;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeBuilds.Recorded;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which services get built and with what, on the fake engine. */
class BuilderTest {
    @TempDir
    Path dir;
    FakeEngine fake;
    final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeEngine();
        fake.addImage("jcompose/busybox:latest", ImageConfig.EMPTY);
        fake.addImage("redis:7", ImageConfig.EMPTY);
        for (String ctx : List.of("a", "b", "c")) {
            Files.createDirectories(dir.resolve(ctx));
            Files.writeString(dir.resolve(ctx).resolve("Dockerfile"), "FROM jcompose/busybox:latest\nCOPY . /src\n");
            Files.writeString(dir.resolve(ctx).resolve("file.txt"), ctx);
        }
    }

    private Project load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        return ProjectLoader.load(LoadOptions.defaults(dir, env).withProjectName("demo")).project();
    }

    private Project load(String yaml) throws IOException {
        return load(yaml, Map.of());
    }

    private Builder builder(Project project) {
        return new Builder(fake, project, events::add);
    }

    private Map<String, String> buildAll(Project project, BuildOptions options) {
        return builder(project).build(project.services().values(), options);
    }

    private Recorded recorded(String service) {
        return fake.builds().recorded().stream()
                .filter(r -> r.spec().labels().get("com.docker.compose.service").equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no build of " + service));
    }

    static final String THREE = """
            services:
              a: {build: ./a}
              b: {build: ./b, image: registry.example/b:1.0, pull_policy: build}
              c: {build: ./c, depends_on: [a]}
              db: {image: redis:7}
            """;

    @Test
    void upBuildsMissingImagesAndPullPolicyBuildUnlessToldOtherwise() throws IOException {
        Project p = load(THREE);
        Builder builder = builder(p);
        List<String> names = builder.toBuild(p.services().values(), BuildPolicy.MISSING).stream()
                .map(s -> s.name()).toList();
        assertEquals(List.of("a", "b", "c"), names);
        buildAll(p, BuildOptions.defaults(-1));
        assertEquals(List.of("b"), builder.toBuild(p.services().values(), BuildPolicy.MISSING).stream()
                .map(s -> s.name()).toList(), "present images are not rebuilt, pull_policy: build always is");
        assertEquals(List.of("a", "b", "c"), builder.toBuild(p.services().values(), BuildPolicy.ALWAYS).stream()
                .map(s -> s.name()).toList());
        assertEquals(List.of(), builder.toBuild(p.services().values(), BuildPolicy.NEVER));
    }

    @Test
    void imagesAreNamedAfterTheServiceOrItsImageAndTaggedWithBuildTags() throws IOException {
        Project p = load("""
                services:
                  a: {build: {context: ./a, tags: ["demo/a:extra", "demo/a:v2"]}}
                  b: {build: ./b, image: registry.example/b:1.0}
                """);
        Map<String, String> ids = buildAll(p, BuildOptions.defaults(-1));
        assertEquals(List.of("demo-a", "demo/a:extra", "demo/a:v2"), recorded("a").spec().tags());
        assertEquals(ids.get("a"), fake.inspectImage("demo-a").id());
        assertEquals(ids.get("a"), fake.inspectImage("demo/a:v2").id());
        assertEquals(ids.get("b"), fake.inspectImage("registry.example/b:1.0").id());
    }

    @Test
    void buildOptionsReachTheEngine() throws IOException {
        Project p = load("""
                services:
                  a:
                    build:
                      context: ./a
                      target: prod
                      args: {FROM_FILE: one, FROM_ENV: null, OVERRIDDEN: old}
                      labels: {team: blue}
                      cache_from: [demo-a:cache]
                      network: host
                      shm_size: 64m
                      extra_hosts: ["db=10.0.0.5"]
                      no_cache: false
                """, Map.of("FROM_ENV", "env-value", "CLI_FROM_ENV", "cli-env"));
        buildAll(p, new BuildOptions(true, true, mapOf("OVERRIDDEN", "new", "CLI_FROM_ENV", null, "UNSET", null),
                -1));
        BuildSpec spec = recorded("a").spec();
        assertEquals(Map.of("FROM_FILE", "one", "FROM_ENV", "env-value", "OVERRIDDEN", "new", "CLI_FROM_ENV",
                "cli-env"), spec.args());
        assertEquals("prod", spec.target());
        assertEquals(Map.of("team", "blue", "com.docker.compose.project", "demo", "com.docker.compose.service", "a",
                "com.docker.compose.version", dev.jcompose.state.DesiredLabels.COMPOSE_VERSION,
                "com.docker.compose.image.builder", "classic"), spec.labels());
        assertEquals(List.of("demo-a:cache"), spec.cacheFrom());
        assertEquals("host", spec.network());
        assertEquals(64L * 1024 * 1024, spec.shmSize());
        assertEquals(List.of("db:10.0.0.5"), spec.extraHosts());
        assertTrue(spec.noCache() && spec.pull(), "--no-cache and --pull apply to every service");
        assertEquals("Dockerfile", spec.dockerfile());
    }

    private static Map<String, String> mapOf(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void dockerfileInlineTravelsAsAGeneratedDockerfile() throws IOException {
        Project p = load("""
                services:
                  a:
                    build:
                      context: ./a
                      dockerfile_inline: |
                        FROM jcompose/busybox:latest
                        RUN echo inline
                """);
        buildAll(p, BuildOptions.defaults(-1));
        Recorded r = recorded("a");
        assertEquals("FROM jcompose/busybox:latest\nRUN echo inline\n", r.dockerfile());
        assertTrue(r.spec().dockerfile().startsWith(".dockerfile."), r.spec().dockerfile());
        assertTrue(r.entries().contains(r.spec().dockerfile()) && r.entries().contains(".dockerignore"),
                r.entries().toString());
    }

    @Test
    void whatTheClassicBuilderCannotDoIsRefusedBeforeAnythingIsBuilt() throws IOException {
        for (String extra : List.of("ssh: [default]", "secrets: [token]", "additional_contexts: {base: ./b}",
                "privileged: true", "platforms: [linux/amd64, linux/arm64]")) {
            Project p = load("""
                    secrets:
                      token: {file: ./a/file.txt}
                    services:
                      a: {build: ./a}
                      z:
                        build:
                          context: ./c
                          %s
                    """.formatted(extra));
            var e = assertThrows(ComposeException.class, () -> buildAll(p, BuildOptions.defaults(-1)), extra);
            assertEquals(ComposeException.Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().startsWith("service \"z\": build.")
                    && e.getMessage().contains("not supported by the Docker API 1.41 classic builder"),
                    e.getMessage());
            assertEquals(List.of(), fake.builds().recorded(), "service a must not have been built either");
        }
        Project remote = load("services:\n  z: {build: 'https://github.com/docker/compose.git'}\n");
        var e = assertThrows(ComposeException.class, () -> buildAll(remote, BuildOptions.defaults(-1)));
        assertTrue(e.getMessage().contains("remote Git and URL contexts are not supported"), e.getMessage());
    }

    @Test
    void aFailedBuildCarriesItsStatusAndOutputAndStopsFurtherBuilds() throws IOException {
        Project p = load(THREE);
        fake.builds().failFor("demo-a", "The command '/bin/sh -c make' returned a non-zero code: 2", 2);
        var e = assertThrows(BuildFailedException.class, () -> buildAll(p, BuildOptions.defaults(1)));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("failed to build service \"a\": The command '/bin/sh -c make' returned"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\n  | Step 2/2 : COPY . /src"), e.getMessage());
        assertTrue(fake.builds().recorded().isEmpty(), "with --parallel 1, nothing starts after the failure");
        assertTrue(events.stream().anyMatch(ev -> ev.key().equals("Service a")
                && ev.status() == ProgressEvent.Status.ERROR));
    }

    @Test
    void dependenciesAreBuiltFirstAndProgressNamesEachService() throws IOException {
        Project p = load(THREE);
        buildAll(p, BuildOptions.defaults(-1));
        List<String> order = fake.builds().recorded().stream()
                .map(r -> r.spec().labels().get("com.docker.compose.service")).toList();
        assertTrue(order.indexOf("a") < order.indexOf("c"), order.toString());
        assertTrue(events.stream().anyMatch(ev -> ev.key().equals("Service c") && ev.text().equals("Building")
                && ev.detail() != null && ev.detail().startsWith("Step 1/2 : FROM")), events.toString());
        assertTrue(events.stream().anyMatch(ev -> ev.key().equals("Service c")
                && ev.status() == ProgressEvent.Status.DONE && ev.text().equals("Built")));
    }

    @Test
    void independentServicesBuildInParallel() throws IOException, InterruptedException {
        Project p = load("services:\n  a: {build: ./a}\n  b: {build: ./b}\n");
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Boolean> sawTheOther = Collections.synchronizedList(new ArrayList<>());
        ProgressListener listener = ev -> {
            if (ev.text().equals("Building") && ev.detail() == null) {
                bothStarted.countDown();
                try {
                    sawTheOther.add(bothStarted.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        new Builder(fake, p, listener).build(p.services().values(), BuildOptions.defaults(-1));
        assertEquals(List.of(true, true), sawTheOther);
    }

    @Test
    void servicesSharingAnImageBuildItOnceAndTheSameInputsGiveTheSameImage() throws IOException {
        Project p = load("""
                services:
                  a: {build: ./a, image: demo/shared}
                  b: {build: ./a, image: demo/shared}
                """);
        Map<String, String> first = buildAll(p, BuildOptions.defaults(-1));
        assertEquals(1, fake.builds().recorded().size());
        assertEquals(first.get("a"), first.get("b"));
        assertEquals(first, buildAll(p, BuildOptions.defaults(-1)));
        Files.writeString(dir.resolve("a/file.txt"), "changed");
        assertNotEquals(first.get("a"), buildAll(p, BuildOptions.defaults(-1)).get("a"));
    }

    @Test
    void servicesWithoutBuildSectionAreSkippedAndAnUnpackableContextNamesTheService() throws IOException {
        Project p = load("services:\n  db: {image: redis:7}\n  a: {build: {context: ./a, dockerfile: Nope}}\n");
        var e = assertThrows(ComposeException.class, () -> buildAll(p, BuildOptions.defaults(-1)));
        assertTrue(e.getMessage().startsWith("service \"a\": unable to prepare context:"), e.getMessage());
        assertNull(buildAll(load("services:\n  db: {image: redis:7}\n"), BuildOptions.defaults(-1)).get("db"));
    }
}
