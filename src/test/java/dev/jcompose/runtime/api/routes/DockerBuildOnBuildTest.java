package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONBUILD with the real docker CLI's classic builder, the embedded daemon against dockerd: a FROM of an image
 * with triggers runs them in order right after FROM (RUN, ENV seen by a later trigger, COPY from the child's
 * context), prints dockerd's header and one id, caches them, and leaves the child without triggers (a
 * grandchild runs none); a forbidden trigger and a trigger that no longer parses fail like on dockerd. Also
 * the step lines of config-only steps (dockerd's container pair) and of a scratch stage.
 */
@Tag("root")
class DockerBuildOnBuildTest {
    private static final Path DOCKERD_SOCKET = Path.of("/var/run/docker.sock");
    private static final String PARENT = """
            FROM jcompose/busybox:latest
            ONBUILD RUN echo trig1 > /t1
            onbuild ENV FOO=bar
            ONBUILD RUN echo "$FOO" > /t2
            ONBUILD COPY ctx.txt /ctx.txt
            CMD ["sh"]
            """;
    private static EmbeddedDaemon daemon;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startDaemon() throws Exception {
        assumeTrue(DockerCli.find() != null, "needs the docker CLI");
        daemon = new EmbeddedDaemon().start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Path context(String name, String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve(name));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.writeString(ctx.resolve("ctx.txt"), "from-" + name + "\n");
        return ctx;
    }

    /** Every observable result of the scenario on one engine, ids and container ids normalised. */
    private Map<String, String> scenario(DockerCli docker, String repo) throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        put(facts, "build parent", docker.run("build", "--no-cache", "-t", repo + ":parent",
                context("parent", PARENT).toString()));
        Path child = context("child", "FROM " + repo + ":parent\nRUN cat /t1 /t2 /ctx.txt\n");
        put(facts, "build child", docker.run("build", "--no-cache", "-t", repo + ":child", child.toString()));
        put(facts, "build child again (cached)", docker.run("build", "-t", repo + ":child", child.toString()));
        put(facts, "run child", docker.run("run", "--rm", repo + ":child", "sh", "-c", "cat /t1 /t2 /ctx.txt; echo $FOO"));
        put(facts, "triggers", docker.run("image", "inspect", "-f", "{{json .Config.OnBuild}}", repo + ":parent",
                repo + ":child"));
        put(facts, "child history", docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}", repo + ":child"));
        Path grandchild = context("grand", "FROM " + repo + ":child\nRUN cat /ctx.txt\n");
        put(facts, "build grandchild (no triggers)", docker.run("build", "--no-cache", "-t", repo + ":grand",
                grandchild.toString()));
        put(facts, "chained ONBUILD", docker.run("build", context("chained", "FROM jcompose/busybox:latest\n"
                + "ONBUILD ONBUILD RUN true\n").toString()));
        put(facts, "build parent with an unknown trigger", docker.run("build", "--no-cache", "-t", repo + ":bogus",
                context("bogus", "FROM jcompose/busybox:latest\nONBUILD BOGUS x\n").toString()));
        put(facts, "child of the unknown trigger", docker.run("build", context("bogus-child", "FROM " + repo
                + ":bogus\nRUN true\n").toString()));
        put(facts, "failing trigger", docker.run("build", "--no-cache", "-t", repo + ":failing", context("failing",
                "FROM jcompose/busybox:latest\nONBUILD RUN exit 3\n").toString()));
        put(facts, "child of the failing trigger", docker.run("build", context("failing-child", "FROM " + repo
                + ":failing\nRUN true\n").toString()));
        put(facts, "config-only steps", docker.run("build", "--no-cache", "-t", repo + ":config", context("config",
                "FROM jcompose/busybox:latest\nARG A=1\nMAINTAINER me\nLABEL x=y\nWORKDIR /w\n").toString()));
        put(facts, "scratch", docker.run("build", "--no-cache", "-t", repo + ":scratch", context("scratch",
                "FROM scratch\nENV Z=1\nCOPY ctx.txt /\n").toString()));
        return facts;
    }

    /** Output without what differs by design: ids, the context size line, the legacy-builder banner, colours. */
    private static void put(Map<String, String> facts, String name, DockerCli.Result r) {
        String out = (r.stdout() + "\n--stderr--\n" + r.stderr()).lines()
                .filter(l -> !l.startsWith("Sending build context") && !l.startsWith("DEPRECATED")
                        && !l.startsWith("            BuildKit") && !l.startsWith("            environment-variable")
                        && !l.isBlank())
                .map(l -> l.replaceAll("sha256:[0-9a-f]{64}", "sha256:ID").replaceAll("\\b[0-9a-f]{12}\\b", "ID")
                        .replaceAll("jct-onbuild-[0-9a-f]+", "R").replace("\u001b[91m", "").replace("\u001b[0m", "")
                        // the content hash in a COPY's history covers file times: another hash per machine
                        .replaceAll("COPY file:[0-9a-f]+ in", "COPY file:<hash> in"))
                .collect(Collectors.joining("\n"));
        facts.put(name, "exit " + r.exitCode() + "\n" + out);
    }

    @Test
    void triggersRunAfterFromLikeOnDockerd() throws Exception {
        assumeTrue(Files.exists(DOCKERD_SOCKET), "needs dockerd for the comparison");
        Path binary = DockerCli.find();
        Map<String, String> env = Map.of("DOCKER_BUILDKIT", "0");
        DockerCli embedded = new DockerCli(binary, daemon.uri()).withEnv(env);
        DockerCli dockerd = new DockerCli(binary, java.net.URI.create("unix://" + DOCKERD_SOCKET)).withEnv(env);
        String repo = "jct-onbuild-" + daemon.tag;
        Map<String, String> onEmbedded = scenario(embedded, repo);
        Map<String, String> onDockerd;
        java.util.Set<String> before = dockerd.containerIds();
        try {
            onDockerd = scenario(dockerd, repo);
        } finally {
            dockerd.removeBuildLeftovers(before); // the failing trigger's container
            for (String tag : List.of("grand", "child", "parent", "bogus", "failing", "config", "scratch")) {
                dockerd.run("rmi", "-f", repo + ":" + tag);
            }
        }
        assertTrue(onEmbedded.get("run child").contains("trig1\nbar\nfrom-child\nbar"), onEmbedded.toString());
        assertTrue(onEmbedded.get("build child").contains("# Executing 4 build triggers"), onEmbedded.toString());
        assertEquals(onDockerd.keySet(), onEmbedded.keySet());
        for (String key : onDockerd.keySet()) {
            assertEquals(onDockerd.get(key), onEmbedded.get(key), key + "\n--- all embedded facts:\n" + onEmbedded);
        }
    }
}
