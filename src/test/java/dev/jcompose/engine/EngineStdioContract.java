package dev.jcompose.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.fake.FakeProcess;
import dev.jcompose.error.ComposeException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The interactive and archive part of the Engine SPI (what run, exec and cp use), for every implementation:
 * attach before start, interactive exec with stdin and split output, detached exec, auto-remove, stat and
 * tar copies in both directions.
 */
public abstract class EngineStdioContract extends EngineContractBase {
    /** Whether the engine runs real programs (only then can a detached exec's effect be observed). */
    protected abstract boolean realPrograms();

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static InputStream input(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void attachBeforeStartSeesAllOutputSplitByStream() throws Exception {
        String name = fx.name("attach");
        script(name, FakeProcess.exitsWith(3).printing("out").printingToStderr("err"));
        String id = engine.createContainer(fx.container(name, "sh", "-c", "echo out; echo err >&2; exit 3").build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Subscription attached = engine.attach(id, false, Stdio.of(null, out, err))) {
            engine.startContainer(id);
            assertTrue(attached.awaitCompletion(PATIENCE), "output ends when the container does");
        }
        assertEquals(3, engine.waitContainer(id));
        assertEquals("out\n", text(out));
        assertEquals("err\n", text(err));
    }

    @Test
    void attachedStdinReachesTheContainerAndItsEndIsEof() throws Exception {
        String name = fx.name("cat");
        script(name, FakeProcess.exitsWith(0).printing("hello"));
        String id = engine.createContainer(fx.container(name, "cat").stdinOpen(true).stdinOnce(true).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Subscription attached = engine.attach(id, false, Stdio.of(input("hello\n"), out,
                new ByteArrayOutputStream()))) {
            engine.startContainer(id);
            assertTrue(attached.awaitCompletion(PATIENCE), "cat ends at the end of stdin");
        }
        assertEquals(0, engine.waitContainer(id));
        assertEquals("hello\n", text(out));
    }

    @Test
    void attachToARunningContainerSeesOnlyNewOutputUntilItExits() throws Exception {
        String name = fx.name("running");
        script(name, FakeProcess.SERVICE.printing("before").exitingOnStop(5));
        String id = engine.createContainer(fx.container(name, "sh", "-c",
                "echo before; trap 'echo after; exit 5' TERM; sleep 600 & wait").build());
        engine.startContainer(id);
        assertTrue(EngineFixture.eventually(PATIENCE, () -> {
            try {
                return engine.readLogs(id, LogOptions.ALL).stream().anyMatch(f -> f.text().contains("before"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), "the container printed before the attach");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Subscription attached = engine.attach(id, false, Stdio.of(null, out, new ByteArrayOutputStream()))) {
            engine.stopContainer(id, Duration.ofSeconds(10));
            assertTrue(attached.awaitCompletion(PATIENCE), "output ends when the container does");
        }
        assertEquals(5, engine.waitContainer(id));
        assertEquals(realPrograms() ? "after\n" : "", text(out), "only what was printed after the attach");
    }

    @Test
    void interactiveExecReturnsTheExitCodeAndSplitsOutput() throws Exception {
        String id = startService(fx.name("exec"));
        List<String> cmd = List.of("sh", "-c", "cat; echo err >&2; exit 4");
        scriptExec(cmd, new ExecResult(4, "typed", "err\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = engine.execInteractive(id, new ExecSpec(cmd, null, null, null, false, false),
                Stdio.of(input("typed"), out, err));
        assertEquals(4, code);
        assertEquals("typed", text(out));
        assertEquals("err\n", text(err));
    }

    @Test
    void execIntoAStoppedContainerIsAConflict() {
        String name = fx.name("stopped");
        String id = engine.createContainer(fx.container(name, SERVICE).build());
        failsWith(Kind.CONFLICT, () -> engine.execInteractive(id, ExecSpec.of("true"),
                Stdio.of(null, new ByteArrayOutputStream(), new ByteArrayOutputStream())));
    }

    @Test
    void attachingToAMissingContainerIsNotFound() {
        failsWith(Kind.NOT_FOUND, () -> engine.attach(fx.name("absent"), false, Stdio.of(null,
                new ByteArrayOutputStream(), new ByteArrayOutputStream())).close());
    }

    @Test
    void archivesRoundTripWithStat() throws Exception {
        String id = startService(fx.name("files"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("d/", null);
        files.put("d/f.txt", "inner");
        files.put("top.txt", "top");
        engine.copyTo(id, "/tmp", new ByteArrayInputStream(tar(files, "ln", "top.txt")), false);

        PathStat dir = engine.statPath(id, "/tmp/d").orElseThrow();
        assertTrue(dir.isDirectory(), dir.toString());
        assertEquals("d", dir.name());
        PathStat top = engine.statPath(id, "/tmp/top.txt").orElseThrow();
        assertTrue(top.isRegular(), top.toString());
        assertEquals(3, top.size());
        PathStat link = engine.statPath(id, "/tmp/ln").orElseThrow();
        assertTrue(link.isSymlink(), link.toString());
        assertEquals("/tmp/top.txt", link.linkTarget(), "resolved to an absolute path, as dockerd does");
        assertTrue(engine.statPath(id, "/tmp/absent").isEmpty());

        Map<String, String> back;
        try (InputStream in = engine.copyFrom(id, "/tmp/d")) {
            back = untar(in);
        }
        assertEquals(Map.of("d/", "", "d/f.txt", "inner"), back);
        failsWith(Kind.NOT_FOUND, () -> engine.copyFrom(id, "/tmp/absent").close());
        failsWith(Kind.NOT_FOUND, () -> engine.copyTo(id, "/tmp/absent", new ByteArrayInputStream(tar(files,
                null, null)), false));
    }

    @Test
    void detachedExecAndAutoRemoveWorkWithoutAnyoneWaiting() throws Exception {
        String id = startService(fx.name("detached"));
        List<String> cmd = List.of("sh", "-c", "echo done > /tmp/marker");
        engine.execDetached(id, new ExecSpec(cmd, null, null, null, false, false));
        if (realPrograms()) {
            EngineFixture.eventually(PATIENCE, () -> engine.statPath(id, "/tmp/marker").isPresent());
        }
        String name = fx.name("auto");
        script(name, FakeProcess.exitsWith(0));
        String auto = engine.createContainer(fx.container(name, "true").autoRemove(true).build());
        engine.startContainer(auto);
        EngineFixture.eventually(PATIENCE, () -> engine.findContainer(auto).isEmpty());
    }

    /** A tar of the given entries (name ending in "/" = directory), plus an optional symlink. */
    private static byte[] tar(Map<String, String> entries, String link, String target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                byte[] data = e.getValue() == null ? new byte[0] : e.getValue().getBytes(StandardCharsets.UTF_8);
                entry.setSize(e.getValue() == null ? 0 : data.length);
                entry.setMode(e.getValue() == null ? 040755 : 0100644);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
            if (link != null) {
                TarArchiveEntry entry = new TarArchiveEntry(link, TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(target);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> untar(InputStream in) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            out.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
