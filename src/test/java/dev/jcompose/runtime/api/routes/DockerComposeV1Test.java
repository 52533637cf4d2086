package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose 1.29.2 (docker-py, a client nobody here wrote) and the docker CLI against the embedded daemon
 * and against dockerd: every stack of compose-examples/ through the commands compose users type, each reduced to
 * engine-independent facts ({@link ComposeV1Scenario}); the two engines must agree fact for fact, and the facts
 * must be right (the engines could agree on a mistake). Differences that are by design are normalised there and
 * documented in docs/runtime-notes.md. On dockerd only objects of this test's own projects (jct-v1-* names,
 * project labels) are touched; the destructive commands (system prune) run on the embedded daemon only.
 */
@Tag("root")
class DockerComposeV1Test {
    private static final URI DOCKERD = URI.create("unix:///var/run/docker.sock");
    private static EmbeddedDaemon daemon;
    private static DockerCli embedded;
    private static DockerCli dockerd;
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

    @TempDir
    Path project;

    @BeforeAll
    static void startDaemon() throws Exception {
        assumeTrue(Files.isExecutable(ComposeV1Client.BINARY), "needs docker-compose 1.29.2");
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        daemon = new EmbeddedDaemon().start();
        embedded = new DockerCli(binary, daemon.uri());
        DockerCli viaDockerd = new DockerCli(binary, DOCKERD);
        boolean dockerdUsable = Files.exists(Path.of(DOCKERD.getPath()))
                && viaDockerd.run("image", "inspect", EmbeddedDaemon.BUSYBOX).exitCode() == 0;
        dockerd = dockerdUsable ? viaDockerd : null;
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void upResolvesServicesByNameAndDownLeavesNothing() throws Exception {
        Files.writeString(project.resolve("docker-compose.yml"), """
                version: "2.4"
                services:
                  api:
                    image: busybox
                    command: sh -c "echo from-api > /var/www/index.html && exec httpd -f -p 80 -h /var/www"
                  client:
                    image: busybox
                    command: sleep 3600
                """);
        ComposeV1Client compose = new ComposeV1Client(daemon.uri(), "jctc1", project.resolve("docker-compose.yml"),
                Map.of());
        try {
            assertEquals(0, compose.run("up", "-d").exitCode());
            assertTrue(embedded.run("network", "ls", "-q", "--filter", "name=jctc1_default").stdout().strip().length() > 0);
            DockerCli.Result r = embedded.run("exec", "jctc1_client_1", "sh", "-c",
                    "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://api/ && exit 0; sleep 0.2; done; exit 1");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("from-api\n", r.stdout());
            ComposeV1Client.Result down = compose.run("down", "-t", "1");
            assertEquals(0, down.exitCode(), down.toString());
            assertEquals("", embedded.run("ps", "-aq").stdout());
            assertEquals("", embedded.run("network", "ls", "-q", "--filter", "name=jctc1").stdout());
            assertEquals(List.of(), DockerCliNetworkTest.onlyTheDefaultBridge(
                    dev.jcompose.runtime.network.ResidueScan.daemonTestResidue()));
        } finally {
            ComposeV1Cleanup.project(embedded, "jctc1");
        }
    }

    @Test
    void helloStack() throws Exception {
        Map<String, String> facts = compare(new ComposeV1Scenario.Stack("hello", "web", null, false));
        assertEquals("exit 0\n127.0.0.1:FIXED\n", facts.get("port"));
        assertTrue(facts.get("after up").contains("P_web_1 running web"), facts.get("after up"));
        assertEquals("exit 0\nCreating P_web_1\nCreating network \"P_default\" with the default driver",
                facts.get("up"));
    }

    @Test
    void webappStack() throws Exception {
        Map<String, String> facts = compare(new ComposeV1Scenario.Stack("webapp", "api", null, false));
        assertTrue(facts.get("after up").contains("P_migrate_1 exited migrate"), facts.get("after up"));
        assertTrue(facts.get("after up").contains("volumes: P_data"), facts.get("after up"));
        assertTrue(facts.get("logs").contains("migrated to schema 3"), facts.get("logs"));
        assertTrue(facts.get("down -v --rmi local").contains("Removing volume P_data"), facts.get("down -v --rmi local"));
    }

    @Test
    void scaleStack() throws Exception {
        Map<String, String> facts = compare(new ComposeV1Scenario.Stack("scale", "api", "api", false));
        assertTrue(facts.get("after scale").contains("P_api_3 running api"), facts.get("after scale"));
        assertTrue(facts.get("top").contains("P_api_3: httpd -f -p 8080 -h /www\nP_client_1: sh -c while true;"),
                facts.get("top"));
    }

    @Test
    void buildDemoStack() throws Exception {
        Map<String, String> facts = compare(new ComposeV1Scenario.Stack("build-demo", "web", null, true));
        assertEquals("P_api:latest\nP_web:latest", facts.get("built images").lines().sorted()
                .collect(Collectors.joining("\n")));
        assertTrue(facts.get("build steps").contains("Step 6/6 : LABEL dev.jcompose.example=build-demo"),
                facts.get("build steps"));
        assertTrue(facts.get("down -v --rmi local").contains("Removing image P_web"), facts.get("down -v --rmi local"));
    }

    @Test
    void dockerCliBuildHistoryTagRmiAndInspect() throws Exception {
        Path context = project.resolve("cli-context");
        DockerCliBuildScenario.writeContext(context);
        String ours = "jct-v1cli-" + run + "e";
        String theirs = "jct-v1cli-" + run + "d";
        try {
            Map<String, String> facts = new DockerCliBuildScenario(embedded, ours, context).run();
            if (dockerd != null) {
                Map<String, String> reference = new DockerCliBuildScenario(dockerd, theirs, context).run();
                assertEquals(compared(reference), compared(facts), "the docker CLI on the embedded engine differs "
                        + "from dockerd\n--- dockerd, raw:\n" + raw(reference) + "\n--- embedded, raw:\n" + raw(facts));
            }
            String all = raw(facts);
            assertEquals("exit 0\nhello world\ncontent", facts.get("run final"), all);
            assertEquals("exit 1\nhello world", facts.get("run base"), all);
            assertTrue(facts.get("history").startsWith("exit 0\n/bin/sh -c #(nop)  LABEL jct.cli=yes|0B|"), all);
            assertTrue(facts.get("history").contains("|1 WHO=world /bin/sh -c echo \"hello $WHO\" > /greeting|12B|"),
                    all);
            assertTrue(facts.get("history").contains("COPY <hash> in /file.txt |8B|"), all);
            assertEquals("exit 0\nR:base\nR:final\nR:other", facts.get("images"), all);
            assertEquals("exit 0\nR-c 0B (virtual 1.98MB)", facts.get("ps -s"), all);
            assertEquals("exit 0\nUntagged: R:final", facts.get("rmi while tagged twice"), all);
            assertEquals("exit 1\nError: No such image: R:nonexistent", facts.get("rmi unknown"), all);
            assertEquals("exit 0\n0 images left", facts.get("rmi base"), all);
        } finally {
            ComposeV1Cleanup.repository(embedded, ours);
            if (dockerd != null) {
                ComposeV1Cleanup.repository(dockerd, theirs);
            }
        }
    }

    /** system df and system prune -f: on the embedded daemon only (prune must never run against dockerd). */
    @Test
    void systemDfAndPruneOnTheEmbeddedDaemon() throws Exception {
        DockerCli docker = embedded.withEnv(Map.of("DOCKER_BUILDKIT", "0"));
        Path context = project.resolve("prune-context");
        DockerCliBuildScenario.writeContext(context);
        String repo = "jct-v1prune-" + run;
        String dockerfile = context.resolve("Build.dockerfile").toString();
        try {
            for (String who : List.of("first", "second")) { // the second build leaves the first image dangling
                ok(docker.run("build", "-q", "-f", dockerfile, "--build-arg", "WHO=" + who, "-t", repo + ":1",
                        context.toString()));
            }
            ok(docker.run("create", "--name", repo + "-stopped", "-v", repo + "-vol:/data", repo + ":1"));
            ok(docker.run("run", "-d", "--name", repo + "-running", EmbeddedDaemon.BUSYBOX, "sleep", "300"));
            ok(docker.run("network", "create", repo + "-net"));
            String df = ok(docker.run("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}"));
            assertEquals("Images 3 2\nContainers 2 1\nLocal Volumes 1 1\nBuild Cache 0 0\n", df);
            String verbose = ok(docker.run("system", "df", "-v"));
            assertTrue(verbose.contains(repo + "-vol") && verbose.contains(repo + "-stopped"), verbose);
            DockerCli.Result pruned = docker.run("system", "prune", "-f");
            assertEquals(0, pruned.exitCode(), pruned.toString());
            assertTrue(pruned.stdout().contains("Deleted Containers:") && pruned.stdout().contains(repo + "-net")
                    && pruned.stdout().contains("Deleted Images:"), pruned.toString());
            assertEquals(repo + "-running\n", ok(docker.run("ps", "-a", "--format", "{{.Names}}")));
            assertEquals(repo + "-vol\n", ok(docker.run("volume", "ls", "-q")), "volumes stay without --volumes");
            assertEquals("", ok(docker.run("images", "-q", "--filter", "dangling=true")));
            assertEquals("1\n", ok(docker.run("images", "--format", "{{.Tag}}", repo)));
            assertEquals("Images 2 1\nContainers 1 1\nLocal Volumes 1 0\nBuild Cache 0 0\n", ok(docker.run("system",
                    "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}")));
        } finally {
            docker.run("rm", "-f", repo + "-running", repo + "-stopped");
            docker.run("network", "rm", repo + "-net");
            docker.run("volume", "rm", repo + "-vol");
            ComposeV1Cleanup.repository(docker, repo);
        }
    }

    private static String ok(DockerCli.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout();
    }

    /**
     * Runs the stack on the embedded daemon and on dockerd at the same time (two engines, two projects), tears
     * both down whatever happens, and returns the embedded engine's facts after checking what every stack
     * must show.
     */
    private Map<String, String> compare(ComposeV1Scenario.Stack stack) throws Exception {
        Path file = ComposeV1Stacks.copy(stack.name(), project);
        String ours = "jct-v1-" + stack.name() + "-" + run + "e"; // neither name a prefix of the other
        String theirs = "jct-v1-" + stack.name() + "-" + run + "d";
        int ourPort = DockerCliNetworkTest.freePort();
        int theirPort = DockerCliNetworkTest.freePort();
        ComposeV1Scenario embeddedRun = scenario(daemon.uri(), embedded, ours, file, ourPort);
        ComposeV1Scenario dockerdRun = dockerd == null ? null : scenario(DOCKERD, dockerd, theirs, file, theirPort);
        try {
            CompletableFuture<Map<String, String>> onDockerd = dockerdRun == null ? null
                    : CompletableFuture.supplyAsync(() -> runQuietly(dockerdRun, stack));
            Map<String, String> facts = runQuietly(embeddedRun, stack);
            Map<String, String> reference = onDockerd == null ? null : onDockerd.join();
            if (reference != null) {
                assertEquals(compared(reference), compared(facts), "docker-compose 1.29.2 on the embedded engine "
                        + "differs from dockerd for " + stack.name() + "\n--- dockerd, raw:\n" + raw(reference)
                        + "\n--- embedded, raw:\n" + raw(facts));
            }
            assertEveryStep(facts, stack);
            return facts;
        } finally {
            ComposeV1Cleanup.project(embedded, ours);
            if (dockerd != null) {
                ComposeV1Cleanup.project(dockerd, theirs);
            }
        }
    }

    private static void assertEveryStep(Map<String, String> facts, ComposeV1Scenario.Stack stack) {
        String all = raw(facts);
        for (String step : List.of("up", "ps", "logs", "exec", "run --rm", "restart", "stop", "start", "top", "port",
                "images", "down -v --rmi local")) {
            assertTrue(facts.getOrDefault(step, "").startsWith("exit 0\n"), step + " failed:\n" + all);
        }
        assertEquals("exit 0\n42\n", facts.get("exec"), all);
        assertEquals("exit 0\nhi\none-off containers left: ", facts.get("run --rm"), all);
        assertTrue(facts.get("after stop").contains("\nP_" + stack.execService() + "_1 Exited (137)\n"), all);
        assertTrue(facts.get("after start").contains("P_" + stack.execService() + "_1 running"), all);
        assertEquals("containers:\n\nexited:\n\nvolumes: \nnetworks: \nimages: ", facts.get("after down"), all);
    }

    private ComposeV1Scenario scenario(URI host, DockerCli docker, String name, Path file, int port) {
        Map<String, String> env = Map.of("HELLO_PORT", Integer.toString(port), "WEB_PORT", Integer.toString(port));
        return new ComposeV1Scenario(new ComposeV1Client(host, name, file, env), docker, port);
    }

    /** The facts; a step that threw is recorded as a fact of its own, so the comparison shows where it broke. */
    private static Map<String, String> runQuietly(ComposeV1Scenario scenario, ComposeV1Scenario.Stack stack) {
        try {
            return scenario.run(stack);
        } catch (Exception | AssertionError e) {
            scenario.facts.put("failed", e.toString());
            return scenario.facts;
        }
    }

    static String compared(Map<String, String> facts) {
        return facts.entrySet().stream().filter(e -> !e.getKey().endsWith("(raw, not compared)"))
                .map(e -> "## " + e.getKey() + "\n" + e.getValue()).collect(Collectors.joining("\n"));
    }

    static String raw(Map<String, String> facts) {
        return facts.entrySet().stream().map(e -> "## " + e.getKey() + "\n" + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}
