package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.testing.DockerCommand;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code docker diff} on dockerd (the oracle) and on the embedded daemon, same image (saved from dockerd and
 * loaded here), same scenario: the lines must be the same. dockerd lists them in a random order (a Go map's),
 * so both sides are sorted before comparing.
 */
@Tag("root")
@Tag("docker")
class DockerCliDiffTest extends DockerCliOnEmbedded {
    private static final String IMAGE = "jcompose/busybox:latest";
    /** Adds, modifies, deletes a file and a tree, makes a nested directory; /done marks the end. */
    private static final String SCENARIO = "touch /tmp/x && echo hi >> /etc/passwd && rm /etc/group"
            + " && mkdir -p /a/b && echo 1 > /a/b/f && rm -rf /var && chmod 700 /root && touch /done";

    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private final List<String> dockerdContainers = new ArrayList<>();
    private DockerCli dockerd;

    @BeforeEach
    void sameImageOnBoth() throws Exception {
        assumeTrue(DockerCommand.dockerdRunning(), "needs dockerd as the oracle");
        dockerd = new DockerCli(DockerCli.find(), URI.create("unix:///var/run/docker.sock"));
        assumeTrue(dockerd.run("image", "inspect", IMAGE).exitCode() == 0, "dockerd has no " + IMAGE);
        Path archive = daemon.dir.resolve("busybox-from-dockerd.tar");
        assertEquals(0, dockerd.run("save", "-o", archive.toString(), IMAGE).exitCode());
        ok("load", "-i", archive.toString());
        Files.delete(archive);
    }

    @AfterEach
    void removeDockerdContainers() throws Exception {
        for (String name : dockerdContainers) {
            dockerd.run("rm", "-f", "-v", name);
        }
    }

    @Test
    void stoppedContainerWithAVolumeAndAWorkdirDiffsLikeDockerd() throws Exception {
        String name = "jct-diff-stopped-" + suffix;
        String[] run = {"run", "--name", name, "-v", "/jctdata", "-w", "/work/dir", IMAGE, "sh", "-c", SCENARIO};
        String ours = sorted(ok(run).stdout().isEmpty() ? ok("diff", name).stdout() : "");
        String theirs = sorted(onDockerd(name, run));
        assertEquals(theirs, ours);
        List<String> lines = ours.lines().toList();
        for (String change : List.of("A /a", "A /a/b", "A /a/b/f", "A /done", "C /etc", "D /etc/group",
                "C /etc/passwd", "D /var", "C /root", "C /tmp", "A /tmp/x")) {
            org.junit.jupiter.api.Assertions.assertTrue(lines.contains(change), "the scenario's own change "
                    + change + " (a sanity check of the oracle): " + lines);
        }
    }

    @Test
    void runningContainerDiffsLikeDockerd() throws Exception {
        String name = "jct-diff-running-" + suffix;
        String[] run = {"run", "-d", "--name", name, IMAGE, "sh", "-c", SCENARIO + " && exec sleep 60"};
        ok(run);
        String ours = sorted(untilDone(docker, name));
        dockerdContainers.add(name);
        assertEquals(0, dockerd.run(run).exitCode());
        String theirs = sorted(untilDone(dockerd, name));
        assertEquals(theirs, ours);
        ok("rm", "-f", name);
    }

    @Test
    void unchangedContainerPrintsNothingAndUnknownOneFailsAlike() throws Exception {
        String name = "jct-diff-created-" + suffix;
        ok("create", "--name", name, IMAGE, "true");
        dockerdContainers.add(name);
        assertEquals(0, dockerd.run("create", "--name", name, IMAGE, "true").exitCode());
        assertEquals(dockerd.run("diff", name).toString().replaceAll("in \\d+ ms", ""),
                ok("diff", name).toString().replaceAll("in \\d+ ms", ""));
        assertEquals("", docker.run("diff", name).stdout());

        DockerCli.Result theirs = dockerd.run("diff", "jct-diff-nope-" + suffix);
        DockerCli.Result ours = docker.run("diff", "jct-diff-nope-" + suffix);
        assertEquals(theirs.exitCode(), ours.exitCode(), ours.toString());
        assertEquals(theirs.stderr(), ours.stderr());
    }

    private String onDockerd(String name, String... run) throws Exception {
        dockerdContainers.add(name);
        DockerCli.Result r = dockerd.run(run);
        assertEquals(0, r.exitCode(), r.toString());
        DockerCli.Result diff = dockerd.run("diff", name);
        assertEquals(0, diff.exitCode(), diff.toString());
        return diff.stdout();
    }

    /** The diff once the scenario has finished (its last step adds /done). */
    private static String untilDone(DockerCli cli, String name) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            DockerCli.Result r = cli.run("diff", name);
            if (r.exitCode() == 0 && r.stdout().lines().anyMatch("A /done"::equals)) {
                return r.stdout();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scenario did not finish: " + r);
            }
            Thread.sleep(100);
        }
    }

    private static String sorted(String lines) {
        return String.join("\n", lines.lines().sorted(java.util.Comparator.comparing(l -> l.substring(2))).toList());
    }
}
