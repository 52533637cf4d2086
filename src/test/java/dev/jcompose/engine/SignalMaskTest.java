package dev.jcompose.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalMaskTest {
    /** /proc/PID/status of busybox httpd as a container's PID 1: it catches SIGHUP and SIGCHLD, not SIGTERM. */
    private static final String HTTPD = """
            Name:\thttpd
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t4242
            SigQ:\t0/63421
            SigPnd:\t0000000000000000
            ShdPnd:\t0000000000000000
            SigBlk:\t0000000000000000
            SigIgn:\t0000000000001000
            SigCgt:\t0000000000010001
            CapInh:\t0000000000000000
            """;

    /** A shell running `trap 'exit 0' TERM`: SIGTERM (bit 14) and SIGINT/SIGCHLD caught. */
    private static final String TRAPPING_SHELL = """
            Name:\tsh
            SigBlk:\t0000000000000000
            SigIgn:\t0000000000000004
            SigCgt:\t0000000000014002
            """;

    @Test
    void httpdDoesNotCatchSigterm() {
        SignalMask mask = SignalMask.parse(HTTPD);
        assertFalse(mask.catches(Signals.SIGTERM));
        assertTrue(mask.catches(Signals.number("SIGHUP")));
        assertTrue(mask.catches(Signals.number("SIGCHLD")));
        assertTrue(mask.ignores(Signals.number("SIGPIPE")));
        assertFalse(mask.blocks(Signals.SIGTERM));
    }

    @Test
    void aTrappingShellCatchesSigterm() {
        SignalMask mask = SignalMask.parse(TRAPPING_SHELL);
        assertTrue(mask.catches(Signals.SIGTERM));
        assertTrue(mask.catches(Signals.number("INT")));
        assertTrue(mask.ignores(Signals.number("SIGQUIT")));
    }

    @Test
    void realtimeSignalsUseTheHighBits() {
        SignalMask mask = SignalMask.parse("SigCgt:\t8000000200000000\n");
        assertTrue(mask.catches(64));
        assertTrue(mask.catches(34));
        assertFalse(mask.catches(Signals.SIGTERM));
    }

    @Test
    void missingLinesAreEmptyMasksAndGarbageIsRejected() {
        assertFalse(SignalMask.parse("Name:\tx\n").catches(Signals.SIGTERM));
        assertThrows(IllegalArgumentException.class, () -> SignalMask.parse("SigCgt:\tzz\n"));
    }

    @Test
    void readsAStatusFileAndReportsAGoneProcessAsUnknown(@TempDir Path dir) throws IOException {
        Path status = Files.writeString(dir.resolve("status"), TRAPPING_SHELL);
        assertTrue(SignalMask.read(status).orElseThrow().catches(Signals.SIGTERM));
        assertTrue(SignalMask.read(dir.resolve("missing")).isEmpty());
        assertFalse(SignalMask.catches(Long.MAX_VALUE, "SIGTERM"));
    }

    @Test
    void thisJvmCatchesSigtermThroughItsShutdownHooks() {
        // The JVM installs a SIGTERM handler to run shutdown hooks: a live check of the /proc path.
        assertTrue(SignalMask.catches(ProcessHandle.current().pid(), "TERM"));
    }

    @ParameterizedTest
    @CsvSource({"SIGTERM,15", "TERM,15", "sigterm,15", "15,15", "SIGKILL,9", "KILL,9", "SIGHUP,1", "SIGUSR1,10",
            "SIGUSR2,12", "SIGQUIT,3", "SIGINT,2", "SIGWINCH,28", "SIGIOT,6", "SIGRTMIN,34", "SIGRTMIN+3,37",
            "RTMAX,64", "SIGRTMAX-1,63", "64,64"})
    void signalNames(String name, int number) {
        assertEquals(number, Signals.number(name));
    }

    @ParameterizedTest
    @CsvSource({"SIGFOO", "0", "65", "SIGRTMAX+1", "''"})
    void unknownSignals(String name) {
        assertThrows(IllegalArgumentException.class, () -> Signals.number(name));
    }

    @Test
    void namesAndExitCodes() {
        assertEquals("SIGTERM", Signals.name(15));
        assertEquals("SIGRTMIN+2", Signals.name(36));
        assertEquals(137, Signals.exitCodeOf(Signals.SIGKILL));
        assertEquals(143, Signals.exitCodeOf(Signals.SIGTERM));
    }
}
