package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.oci.HostPlatform;
import dev.jcompose.runtime.runc.RuncException;
import dev.jcompose.runtime.runc.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real containers through conmon + runc: output, exit codes, stop semantics, pause, exec, recovery. */
@Tag("root")
class ContainerLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private RuncTestBed bed;

    @BeforeEach
    void setUp() throws IOException {
        RuncTestBed.assumeHost();
        assumeTrue(RuncTestBed.hasConmon(), "needs conmon (apt-get install conmon)");
        bed = new RuncTestBed(true);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (bed != null) {
            bed.close(); // fails the test if anything is left behind
        }
    }

    @Test
    void echoWritesTimestampedOutputAndExitsZero() throws IOException {
        String id = bed.run(bed.config("sh", "-c", "echo hi; echo oops >&2").build());
        assertEquals(new ExitStatus(0, false), bed.runtime.waitExit(id, WAIT).orElseThrow());
        List<LogLine> lines = ContainerLogs.read(bed.runtime.paths(id), bed.runtime.monitor().logFormat());
        assertEquals(List.of("STDOUT hi", "STDERR oops"), lines.stream().map(l -> l.stream() + " " + l.text())
                .toList());
        assertTrue(lines.stream().allMatch(l -> l.time() != null), "every line carries conmon's timestamp");
        assertEquals(ContainerStatus.State.STOPPED, bed.runtime.status(id).state());
        assertTrue(Files.exists(bed.stateRoot.resolve("exits").resolve(id)), "conmon's shared exit file");
        bed.runtime.delete(id);
        for (Path left : List.of(bed.stateRoot.resolve("exits").resolve(id), bed.stateRoot.resolve("sockets")
                .resolve(id), bed.stateRoot.resolve("containers").resolve(id), bed.runc.logFile(id))) {
            assertFalse(Files.exists(left, java.nio.file.LinkOption.NOFOLLOW_LINKS), "left behind: " + left);
        }
        assertTrue(Files.exists(bed.logDir(id).resolve("container.log")), "the log dir is the caller's");
    }

    @Test
    void exitCodeIsReported() {
        String id = bed.run(bed.config("sh", "-c", "exit 3").build());
        assertEquals(3, bed.runtime.waitExit(id, WAIT).orElseThrow().exitCode());
        assertEquals(3, bed.runtime.status(id).exit().orElseThrow().exitCode());
    }

    @Test
    void sleepAsPid1IgnoresSigtermSoStopKillsAtOnce() {
        String id = bed.run(bed.config("sleep", "1000").build());
        long t0 = System.nanoTime();
        ExitStatus exit = bed.runtime.stop(id, Signals.SIGTERM, Duration.ofSeconds(10));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(137, exit.exitCode());
        assertTrue(ms < 1000, "signal-aware stop must not wait the 10 s grace; took " + ms + " ms");
    }

    @Test
    void shellTrappingSigtermStopsGracefully() throws Exception {
        String id = bed.run(bed.config("sh", "-c", "trap 'echo bye; exit 0' TERM; echo ready; "
                + "while true; do sleep 0.05; done").build());
        awaitLog(id, "ready");
        long t0 = System.nanoTime();
        ExitStatus exit = bed.runtime.stop(id, Signals.SIGTERM, Duration.ofSeconds(10));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, exit.exitCode(), "the trap ran and exited 0");
        assertTrue(ms < 2000, "graceful stop took " + ms + " ms");
        assertTrue(logText(id).contains("bye\n"));
    }

    @Test
    void stopSignalIgnoredByAHandlerFallsBackToSigkillAfterGrace() throws Exception {
        String id = bed.run(bed.config("sh", "-c", "trap 'echo ignored' TERM; echo ready; "
                + "while true; do sleep 0.05; done").build());
        awaitLog(id, "ready");
        long t0 = System.nanoTime();
        ExitStatus exit = bed.runtime.stop(id, Signals.SIGTERM, Duration.ofMillis(700));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(137, exit.exitCode());
        assertTrue(ms >= 700 && ms < 2500, "SIGKILL after the grace period; took " + ms + " ms");
    }

    @Test
    void initForwardsTheStopSignalToTheCommand() throws Exception {
        assumeTrue(HostPlatform.detect().initBinary().isPresent(), "needs tini-static (docker-init)");
        String id = bed.run(bed.config("sh", "-c", "echo ready; sleep 1000").init(true).build());
        awaitLog(id, "ready");
        long t0 = System.nanoTime();
        ExitStatus exit = bed.runtime.stop(id, Signals.SIGTERM, Duration.ofSeconds(10));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(143, exit.exitCode(), "tini passes SIGTERM on; sh (not PID 1 now) dies of it: 128+15");
        assertTrue(ms < 2000, "took " + ms + " ms");
    }

    @Test
    void killSendsTheSignalToPid1() throws Exception {
        String id = bed.run(bed.config("sh", "-c", "trap 'exit 42' USR1; echo ready; "
                + "while true; do sleep 0.05; done").build());
        awaitLog(id, "ready");
        bed.runtime.kill(id, Signals.parse("USR1"));
        assertEquals(42, bed.runtime.waitExit(id, WAIT).orElseThrow().exitCode());
    }

    @Test
    void pauseFreezesAndUnpauseResumes() {
        String id = bed.run(bed.config("sleep", "1000").build());
        bed.runtime.pause(id);
        assertEquals(ContainerStatus.State.PAUSED, bed.runtime.status(id).state());
        bed.runtime.unpause(id);
        assertEquals(ContainerStatus.State.RUNNING, bed.runtime.status(id).state());
        bed.runtime.pause(id);
        assertEquals(137, bed.runtime.stop(id, Signals.SIGTERM, Duration.ofSeconds(5)).exitCode(),
                "stopping a paused container thaws it first");
    }

    @Test
    void execRunsInTheContainerWithItsEnvironment() throws IOException {
        String id = bed.run(bed.config("sleep", "1000").env(List.of("FROM_CONTAINER=c")).build());
        Path out = bed.tmp.resolve("exec.out");
        Path err = bed.tmp.resolve("exec.err");
        int code = bed.runtime.exec(id, new ExecSpec(List.of("sh", "-c",
                "echo $FROM_CONTAINER $FROM_EXEC $(pwd) $(cat /proc/1/cmdline | head -c 5); echo e >&2; exit 5"),
                List.of("FROM_EXEC=x"), "/tmp", null), out, err, WAIT);
        assertEquals(5, code);
        assertEquals("c x /tmp sleep\n", Files.readString(out));
        assertEquals("e\n", Files.readString(err));
        RuncException e = assertThrows(RuncException.class, () -> bed.runtime.exec(id,
                ExecSpec.of("/no/such/binary"), out, err, WAIT));
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
    }

    @Test
    void aRestartedRuntimeFindsRunningAndExitedContainers() {
        String running = bed.run(bed.config("sleep", "1000").build());
        String exited = bed.run(bed.config("sh", "-c", "exit 7").build());
        bed.runtime.waitExit(exited, WAIT).orElseThrow();
        ContainerRuntime restarted = bed.restartedRuntime();
        List<ContainerStatus> found = restarted.recover();
        assertEquals(List.of(exited, running).stream().sorted().toList(),
                found.stream().map(ContainerStatus::id).toList());
        ContainerStatus r = found.stream().filter(s -> s.id().equals(running)).findFirst().orElseThrow();
        ContainerStatus x = found.stream().filter(s -> s.id().equals(exited)).findFirst().orElseThrow();
        assertEquals(ContainerStatus.State.RUNNING, r.state());
        assertEquals(7, x.exit().orElseThrow().exitCode());
        assertEquals(137, restarted.stop(running, Signals.SIGTERM, Duration.ofSeconds(5)).exitCode(),
                "conmon kept the container and records its exit for the new runtime");
    }

    @Test
    void aMissingCommandFailsCreateWithRuncsMessageAndLeavesNothing() {
        String id = bed.newId();
        RuncException e = assertThrows(RuncException.class,
                () -> bed.runtime.run(id, bed.config("no-such-command").build(), bed.logDir(id)));
        assertTrue(e.getMessage().contains("executable file not found"), e.getMessage());
        assertFalse(Files.exists(bed.stateRoot.resolve("containers").resolve(id)));
        assertTrue(bed.runc.state(id).isEmpty());
    }

    @Test
    void duplicateIdsAreRefused() {
        String id = bed.run(bed.config("sleep", "1000").build());
        RuncException e = assertThrows(RuncException.class,
                () -> bed.runtime.create(id, bed.config("true").build(), bed.logDir(id)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    private String logText(String id) throws IOException {
        return ContainerLogs.text(ContainerLogs.read(bed.runtime.paths(id), bed.runtime.monitor().logFormat()));
    }

    private void awaitLog(String id, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!logText(id).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" in the log of " + id);
            }
            Thread.sleep(5);
        }
    }
}
