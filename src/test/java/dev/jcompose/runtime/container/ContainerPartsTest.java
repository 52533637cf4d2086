package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.HostPlatform;
import dev.jcompose.runtime.oci.OciSpecGenerator;
import dev.jcompose.runtime.oci.SeccompPolicy;
import dev.jcompose.runtime.oci.UserSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container package's pure parts, without root: /proc parsing, log format, exec spec, cgroup cleanup. */
class ContainerPartsTest {
    @TempDir
    Path dir;

    @Test
    void sigtermIsWorthSendingOnlyWhenPid1HandlesIt() {
        String sleeping = "Name:\tsleep\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n"
                + "SigCgt:\t0000000000000000\n";
        String trapping = "Name:\tsh\nSigCgt:\t0000000000014002\n";
        assertFalse(SignalAwareness.catches(sleeping, "hrtimer_nanosleep", 15));
        assertTrue(SignalAwareness.catches(trapping, "do_wait", 15));
        assertFalse(SignalAwareness.catches(trapping, "do_wait", 10));
        assertTrue(SignalAwareness.catches("Name:\tx\n", "", 15), "no mask: wait the grace period like Docker");
        // tini as seen on this host: nothing caught, nothing blocked while it waits in sigtimedwait
        String tini = "Name:\ttini\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000300006\n"
                + "SigCgt:\t0000000000000000\n";
        assertTrue(SignalAwareness.catches(tini, "do_sigtimedwait.isra.0", 15));
        assertTrue(SignalAwareness.catches(sleeping.replace("SigBlk:\t0000000000000000", "SigBlk:\t0000000000004000"),
                "", 15), "a blocked SIGTERM stays queued");
        assertFalse(SignalAwareness.worthSending(1, 9), "SIGKILL needs no grace period");
    }

    @Test
    void conmonLogLines() {
        LogLine full = ContainerLogs.parseK8sLine("2026-11-22T00:44:46.522506138+00:00 stdout F hi there");
        assertEquals(new LogLine(Instant.parse("2026-11-22T00:44:46.522506138Z"), LogLine.Stream.STDOUT,
                "hi there", false), full);
        LogLine partial = ContainerLogs.parseK8sLine("2026-11-22T01:00:00.000000001+01:00 stderr P abc");
        assertEquals(Instant.parse("2026-11-22T00:00:00.000000001Z"), partial.time());
        assertTrue(partial.partial());
        assertEquals("", ContainerLogs.parseK8sLine("2026-11-22T00:00:00Z stdout F").text());
        assertNull(ContainerLogs.parseK8sLine("garbage"));
        assertNull(ContainerLogs.parseK8sLine("2026-11-22T00:00:00Z stdlog F x"));
        assertEquals("abcdef\nx\n", ContainerLogs.text(List.of(
                new LogLine(null, LogLine.Stream.STDOUT, "abc", true),
                new LogLine(null, LogLine.Stream.STDOUT, "def", false),
                new LogLine(null, LogLine.Stream.STDOUT, "x", false))));
    }

    @Test
    void rawFilesAreReadPerStream() throws IOException {
        ContainerPaths paths = new ContainerPaths(dir.resolve("c"), dir.resolve("logs"));
        Files.createDirectories(paths.logDir());
        Files.writeString(paths.stdoutLog(), "a\nb\n");
        Files.writeString(paths.stderrLog(), "e\n");
        List<LogLine> lines = ContainerLogs.read(paths, ContainerMonitor.LogFormat.RAW_FILES);
        assertEquals(List.of("STDOUT a", "STDOUT b", "STDERR e"),
                lines.stream().map(l -> l.stream() + " " + l.text()).toList());
    }

    @Test
    void execInheritsTheContainerProcessWithOverrides() throws IOException {
        OciSpecGenerator gen = new OciSpecGenerator(new HostPlatform("amd64", 6, 1, 40, false, Optional.empty()),
                SeccompPolicy.bundledDefault(), "/j");
        Path config = dir.resolve("config.json");
        Files.writeString(config, gen.generateJson("jct-a", ContainerConfig.builder(Path.of("/r"), List.of("sleep"))
                .env(List.of("A=1", "B=2")).cwd("/srv").user(new UserSpec(5, 5, List.of())).build()));
        JsonNode p = new ObjectMapper().readTree(ExecProcess.json(config,
                new ExecSpec(List.of("sh", "-c", "env"), List.of("B=3", "C=4"), null, new UserSpec(0, 0, List.of(1)))));
        assertEquals("[\"sh\",\"-c\",\"env\"]", p.path("args").toString());
        assertEquals("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"A=1\",\"B=3\",\"C=4\"]",
                p.path("env").toString());
        assertEquals("/srv", p.path("cwd").asText());
        assertEquals("{\"uid\":0,\"gid\":0,\"additionalGids\":[1]}", p.path("user").toString());
        assertEquals(14, p.path("capabilities").path("bounding").size());
        assertFalse(p.path("terminal").asBoolean());
    }

    @Test
    void cgroupCleanupRemovesTheLeafAndAnEmptyParentButNotABusyOne() throws IOException {
        Cgroups cgroups = new Cgroups(dir);
        for (String h : List.of("memory", "pids")) {
            Files.createDirectories(dir.resolve(h).resolve("jcompose/jct-a"));
            Files.createDirectories(dir.resolve(h).resolve("jcompose/jct-b"));
        }
        assertEquals(List.of(dir.resolve("memory/jcompose/jct-a"), dir.resolve("pids/jcompose/jct-a")),
                cgroups.dirsOf("/jcompose/jct-a"));
        assertEquals(List.of(), cgroups.remove("/jcompose/jct-a"));
        assertFalse(Files.exists(dir.resolve("memory/jcompose/jct-a")));
        assertTrue(Files.exists(dir.resolve("memory/jcompose/jct-b")), "other containers keep the parent");
        cgroups.remove("/jcompose/jct-b");
        assertFalse(Files.exists(dir.resolve("memory/jcompose")));
        assertTrue(Files.exists(dir.resolve("memory")), "the hierarchy itself is never touched");
    }

    @Test
    void oomCounterFromCgroupV1() throws IOException {
        Path memory = Files.createDirectories(dir.resolve("memory/jcompose/jct-a"));
        Files.writeString(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        assertEquals(2, new Cgroups(dir).oomKills("/jcompose/jct-a"));
        assertEquals(0, new Cgroups(dir).oomKills("/jcompose/jct-gone"));
    }
}
