package dev.jcompose.runtime.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuncParsingTest {
    @Test
    void versionFromDebiansRunc() {
        RuncVersion v = RuncVersion.parse("runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\n");
        assertEquals(new RuncVersion(1, 1, 5, "1.1.5+ds1"), v);
        assertFalse(v.isOlderThan(RuncVersion.MINIMUM));
        assertTrue(RuncVersion.parse("runc version 1.0.0-rc93").isOlderThan(RuncVersion.MINIMUM));
        assertTrue(RuncVersion.parse("runc version 1.2").compareTo(v) > 0);
        assertThrows(IllegalArgumentException.class, () -> RuncVersion.parse("crun version 1.8.1"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"SIGTERM,15", "term,15", "15,15", "KILL,9", "SIGUSR1,10", "sigwinch,28", "SIGRTMIN,34",
        "RTMIN+3,37", "SIGRTMAX-1,63", "IOT,6"})
    void signalNames(String text, int number) {
        assertEquals(number, Signals.parse(text));
    }

    @Test
    void badSignalsAndNames() {
        assertThrows(IllegalArgumentException.class, () -> Signals.parse("SIGNOPE"));
        assertThrows(IllegalArgumentException.class, () -> Signals.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Signals.parse("65"));
        assertEquals("SIGTERM", Signals.name(15));
        assertEquals("40", Signals.name(40));
    }

    @Test
    void signalMasksAsInProcStatus() {
        // sh with a TERM trap: SIGINT(2), SIGTERM(15), SIGCHLD(17) caught → bits 1, 14, 16
        String mask = "0000000000014002";
        assertTrue(Signals.inMask(mask, 15));
        assertTrue(Signals.inMask(mask, 2));
        assertFalse(Signals.inMask(mask, 9));
        assertFalse(Signals.inMask("0000000000000000", 15));
        assertTrue(Signals.inMask("8000000000000000", 64));
    }

    @Test
    void stateJson() throws Exception {
        RuncState s = RuncState.fromJson(new ObjectMapper().readTree("""
                {"ociVersion":"1.0.2-dev","id":"jct-1","pid":17315,"status":"running","bundle":"/run/b",
                 "rootfs":"/run/b/rootfs","created":"2026-11-22T00:44:42.876115233Z","owner":""}"""));
        assertEquals(new RuncState("jct-1", 17315, RuncState.Status.RUNNING, Path.of("/run/b"),
                Instant.parse("2026-11-22T00:44:42.876115233Z")), s);
        assertTrue(s.isAlive());
        assertEquals(RuncState.Status.UNKNOWN, RuncState.Status.parse("weird"));
    }
}
