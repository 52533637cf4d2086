package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.ImageSummary;
import dev.jcompose.engine.NetworkInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose-examples/build-demo on this machine's dockerd through the CLI: one intent per test. Each test works on a
 * copy of the example under a project named jct-build-RUN; its containers, networks and every image it built
 * (tagged or left dangling by a rebuild) are removed afterwards, whatever happened.
 */
@Tag("docker")
class BuildDockerTest {
    private static final String BUSYBOX = "jcompose/busybox:latest";

    @TempDir
    Path dir;
    Engine engine;
    String project;
    Map<String, String> env;
    final Set<String> images = new LinkedHashSet<>();

    @BeforeAll
    static void busybox() throws Exception {
        try (EngineSelector.Selected selected = EngineSelector.open("docker", System.getenv(), 4)) {
            if (selected.engine().findImage(BUSYBOX).isPresent()) {
                return;
            }
        }
        Process p = new ProcessBuilder("scripts/make-busybox-image.sh", BUSYBOX).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("scripts/make-busybox-image.sh failed:\n" + out);
        }
    }

    @BeforeEach
    void copyExample() throws IOException {
        project = "jct-build-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        engine = EngineSelector.open("docker", System.getenv(), 4).engine();
        env = new HashMap<>(System.getenv());
        env.put("JCOMPOSE_ENGINE", "docker");
        env.put("COMPOSE_PROGRESS", "quiet");
        env.remove("GREETING");
        Path example = Path.of("compose-examples/build-demo");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(example.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @AfterEach
    void removeEverything() {
        List<RuntimeException> failures = new ArrayList<>();
        String label = "com.docker.compose.project=" + project;
        for (ContainerSummary c : engine.listContainers(List.of(label), true)) {
            images.add(c.imageId());
            attempt(failures, () -> engine.removeContainer(c.id(), true, true));
        }
        for (NetworkInfo n : engine.listNetworks(List.of(label))) {
            attempt(failures, () -> engine.removeNetwork(n.id()));
        }
        for (ImageSummary i : engine.listImages(project + "*")) {
            images.add(i.id());
        }
        for (String image : images) {
            attempt(failures, () -> engine.removeImage(image, true));
        }
        engine.close();
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            if (!EngineErrors.isNotFound(e)) {
                failures.add(e);
            }
        }
    }

    private CliRun jcompose(String... args) {
        List<String> all = new ArrayList<>(List.of("-p", project));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(dir, env, all.toArray(String[]::new));
        // the image of every container seen is removed at the end, even after a rebuild left it dangling
        containers().values().forEach(c -> images.add(c.config().labels().get("com.docker.compose.image")));
        return run;
    }

    private Map<String, ContainerInfo> containers() {
        Map<String, ContainerInfo> out = new TreeMap<>();
        for (ContainerSummary c : engine.listContainers(List.of("com.docker.compose.project=" + project), true)) {
            ContainerInfo info = engine.inspectContainer(c.id());
            out.put(info.config().labels().get("com.docker.compose.service"), info);
        }
        return out;
    }

    private String exec(String service, String... cmd) throws InterruptedException {
        return engine.exec(containers().get(service).id(), ExecSpec.of(cmd)).stdout().strip();
    }

    private Map<String, String> ids() {
        Map<String, String> out = new TreeMap<>();
        containers().forEach((service, info) -> out.put(service, info.id()));
        return out;
    }

    private Map<String, String> imageLabels() {
        Map<String, String> out = new TreeMap<>();
        containers().forEach((s, info) -> out.put(s, info.config().labels().get("com.docker.compose.image")));
        return out;
    }

    @Test
    void upDetachedWithBuildBuildsBothServicesAndStartsThem() throws Exception {
        CliRun run = jcompose("up", "-d", "--build");
        assertEquals(0, run.code(), run.err());
        Map<String, ContainerInfo> running = containers();
        assertEquals(Set.of("api", "web"), running.keySet());
        running.values().forEach(c -> assertEquals(ContainerState.RUNNING, c.status().state(), c.name()));
        assertEquals(engine.inspectImage(project + "-web").id(), imageLabels().get("web"));
        assertEquals(engine.inspectImage(project + "-api").id(), imageLabels().get("api"));
        assertEquals("hello from a jcompose build", exec("web", "cat", "/www/greeting.txt"));
        assertEquals("greeting.txt\nindex.html", exec("web", "ls", "/www"), ".dockerignore keeps the rest out");
        assertEquals("pong", exec("api", "cat", "/www/reply.txt"));
        Map<String, String> imageLabelsOfWeb = engine.inspectImage(project + "-web").config().labels();
        assertEquals(project, imageLabelsOfWeb.get("com.docker.compose.project"));
        assertEquals("build-demo", imageLabelsOfWeb.get("dev.jcompose.example"));
    }

    @Test
    void aSecondUpWithBuildReusesTheCacheAndRecreatesNothing() {
        assertEquals(0, jcompose("up", "-d", "--build").code());
        Map<String, String> before = ids();
        Map<String, String> imagesBefore = imageLabels();
        CliRun again = jcompose("up", "-d", "--build");
        assertEquals(0, again.code(), again.err());
        assertEquals(before, ids());
        assertEquals(imagesBefore, imageLabels());
    }

    @Test
    void editingOneContextRebuildsAndRecreatesExactlyThatService() throws Exception {
        assertEquals(0, jcompose("up", "-d", "--build").code());
        Map<String, String> before = ids();
        Map<String, String> imagesBefore = imageLabels();
        Files.writeString(dir.resolve("web/index.html"), "<h1>edited</h1>\n");
        CliRun run = jcompose("up", "-d", "--build");
        assertEquals(0, run.code(), run.err());
        assertNotEquals(before.get("web"), ids().get("web"));
        assertNotEquals(imagesBefore.get("web"), imageLabels().get("web"));
        assertEquals(before.get("api"), ids().get("api"));
        assertEquals(imagesBefore.get("api"), imageLabels().get("api"));
        assertEquals("<h1>edited</h1>", exec("web", "cat", "/www/index.html"));
    }

    @Test
    void aFailingBuildShowsItsOutputAndStatusAndCreatesNothing() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  broken:
                    build:
                      context: ./api
                      dockerfile_inline: |
                        FROM jcompose/busybox:latest
                        RUN echo boom-output && exit 3
                """);
        CliRun run = jcompose("up", "-d", "--build");
        assertEquals(3, run.code(), "a failing RUN's status is the exit status, as with docker compose: " + run.err());
        assertTrue(run.err().contains("failed to build service \"broken\""), run.err());
        assertTrue(run.err().contains("returned a non-zero code: 3"), run.err());
        assertTrue(run.err().contains("| boom-output"), run.err());
        assertEquals(Map.of(), containers());
        assertTrue(engine.listNetworks(List.of("com.docker.compose.project=" + project)).isEmpty());

        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  broken:
                    build:
                      context: ./api
                      dockerfile_inline: |
                        FROM jcompose/busybox:latest
                        BOGUS instruction
                """);
        CliRun syntax = jcompose("build", "broken");
        assertEquals(1, syntax.code(), "a Dockerfile error exits 1: " + syntax.err());
        assertTrue(syntax.err().contains("unknown instruction: BOGUS"), syntax.err());
    }

    @Test
    void buildWithABuildArgThenUpWithoutBuilding() throws Exception {
        CliRun build = jcompose("build", "--build-arg", "GREETING=from the command line", "web");
        assertEquals(0, build.code(), build.err());
        assertTrue(engine.findImage(project + "-api").isEmpty(), "only the named service is built");
        CliRun up = jcompose("up", "-d", "--no-build", "web");
        assertEquals(0, up.code(), up.err());
        assertEquals("from the command line", exec("web", "cat", "/www/greeting.txt"));
    }
}
