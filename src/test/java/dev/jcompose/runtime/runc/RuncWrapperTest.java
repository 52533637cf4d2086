package dev.jcompose.runtime.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper against stand-in "runc" scripts: what it passes, how it reads runc's JSON log, timeouts, and that
 * create never gives the child a pipe. No root needed.
 */
class RuncWrapperTest {
    @TempDir
    Path dir;

    private Runc fake(String body, Duration timeout) throws IOException {
        Path bin = dir.resolve("runc");
        Files.writeString(bin, "#!/bin/sh\necho \"$@\" >> " + dir.resolve("calls") + "\n" + body + "\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Runc(bin, dir.resolve("root"), dir.resolve("logs"), timeout);
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(dir.resolve("calls"));
    }

    @Test
    void errorsCarryTheMessageRuncLogged() throws IOException {
        Runc runc = fake("""
                log=$4
                echo '{"level":"warning","msg":"minor","time":"t"}' >> "$log"
                echo '{"level":"error","msg":"container not running","time":"t"}' >> "$log"
                exit 1""", Duration.ofSeconds(5));
        RuncException e = assertThrows(RuncException.class, () -> runc.kill("jct-a", 15, true));
        assertEquals("runc kill jct-a: container not running", e.getMessage());
        assertEquals("--root " + dir.resolve("root") + " --log " + dir.resolve("logs/jct-a.json")
                + " --log-format json kill --all jct-a 15", calls().get(0));
    }

    @Test
    void anErrorLoggedByAnotherCallDuringASuccessfulKillIsNotTheKills() throws IOException {
        // a health check's runc exec failing on the dying container writes to the same log while kill runs
        Runc runc = fake("""
                log=$4
                echo '{"level":"error","msg":"exec failed: read init-p: connection reset by peer"}' >> "$log"
                exit 0""", Duration.ofSeconds(5));
        runc.kill("jct-a", 9, true);
        assertEquals(1, calls().size());
    }

    @Test
    void onlyNewLogLinesExplainAFailure() throws IOException {
        Runc runc = fake("exit 1", Duration.ofSeconds(5));
        Files.writeString(runc.logFile("jct-a"), "{\"level\":\"error\",\"msg\":\"old news\"}\n");
        RuncException e = assertThrows(RuncException.class, () -> runc.start("jct-a"));
        assertEquals("runc start jct-a: exit status 1", e.getMessage());
    }

    @Test
    void stateOfAnUnknownContainerIsEmptyAndListNullIsEmpty() throws IOException {
        Runc runc = fake("""
                case "$7" in
                  state) echo '{"level":"error","msg":"container does not exist","time":"t"}' >> "$4"; exit 1;;
                esac
                echo null""", Duration.ofSeconds(5));
        assertTrue(runc.state("jct-x").isEmpty());
        assertEquals(List.of(), runc.list());
    }

    @Test
    void everyCallHasADeadline() throws IOException {
        Runc runc = fake("exec sleep 5", Duration.ofMillis(300));
        long t0 = System.nanoTime();
        RuncException e = assertThrows(RuncException.class, () -> runc.pause("jct-a"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
        assertTrue(ms < 3000, "took " + ms + " ms");
    }

    @Test
    void createAppendsStdioToFilesSoALingeringChildCannotBlockUs() throws IOException {
        // like runc's init, a background child keeps runc's stdout open after runc itself has returned
        Runc runc = fake("(sleep 3; echo late) & echo created; echo warn >&2", Duration.ofSeconds(5));
        Path out = dir.resolve("out.log");
        Files.writeString(out, "before\n");
        long t0 = System.nanoTime();
        runc.create("jct-a", dir.resolve("bundle"), dir.resolve("pid"), out, dir.resolve("err.log"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "create must return while the child still holds stdout; took " + ms + " ms");
        assertEquals("before\ncreated\n", Files.readString(out));
        assertEquals("warn\n", Files.readString(dir.resolve("err.log")));
        assertTrue(calls().get(0).endsWith("create --bundle " + dir.resolve("bundle") + " --pid-file "
                + dir.resolve("pid") + " jct-a"), calls().get(0));
    }

    @Test
    void execReturnsTheProcessExitCodeUnlessRuncLoggedAnError() throws IOException {
        Runc runc = fake("exit 3", Duration.ofSeconds(5));
        assertEquals(3, runc.exec("jct-a", dir.resolve("p.json"), dir.resolve("o"), dir.resolve("e"),
                Duration.ofSeconds(5)));
        Runc failing = fake("echo '{\"level\":\"error\",\"msg\":\"exec failed: boom\"}' >> \"$4\"; exit 255",
                Duration.ofSeconds(5));
        RuncException e = assertThrows(RuncException.class, () -> failing.exec("jct-a", dir.resolve("p.json"),
                dir.resolve("o"), dir.resolve("e"), Duration.ofSeconds(5)));
        assertEquals("runc exec jct-a: exec failed: boom", e.getMessage());
    }

    @Test
    void versionWarningForOldRunc() throws IOException {
        Runc runc = fake("echo 'runc version 1.0.2'", Duration.ofSeconds(5));
        List<String> warnings = new ArrayList<>();
        assertEquals(new RuncVersion(1, 0, 2, "1.0.2"), runc.checkVersion(warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("older than 1.1.0"), warnings.get(0));
        assertEquals("--version", calls().get(0));
    }

    @Test
    void psParsesPids() throws IOException {
        Runc runc = fake("echo '[101,102]'", Duration.ofSeconds(5));
        assertEquals(List.of(101, 102), runc.ps("jct-a"));
    }
}
