package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void defaultSequenceDetachesAndIsNotPassedOn() {
        DetachKeys keys = DetachKeys.parse("");
        DetachKeys.Filtered f = keys.filter(bytes("ls\r\u0010\u0011rest"), 8);
        assertTrue(f.detach());
        assertArrayEquals(bytes("ls\r"), f.forward());
    }

    @Test
    void aFalseStartIsPassedOnAndTheSequenceMaySpanReads() {
        DetachKeys keys = DetachKeys.parse("ctrl-p,ctrl-q");
        DetachKeys.Filtered first = keys.filter(bytes("a\u0010"), 2);
        assertFalse(first.detach());
        assertArrayEquals(bytes("a"), first.forward(), "the ctrl-p is held back");
        DetachKeys.Filtered second = keys.filter(bytes("b\u0010"), 2);
        assertArrayEquals(bytes("\u0010b"), second.forward(), "not followed by ctrl-q: it was input");
        assertTrue(keys.filter(bytes("\u0011"), 1).detach(), "ctrl-p held from the last read + ctrl-q");
    }

    @Test
    void customKeysInDockersFormat() {
        DetachKeys keys = DetachKeys.parse("ctrl-a,x,ctrl-@,ctrl-_");
        DetachKeys.Filtered f = keys.filter(new byte[] {1, 'x', 0, 31}, 4);
        assertTrue(f.detach());
        assertEquals(0, f.forward().length);
        RuntimeError e = assertThrows(RuntimeError.class, () -> DetachKeys.parse("ctrl-1"));
        assertEquals(400, e.status());
        assertEquals("Invalid detach keys (ctrl-1) provided", e.getMessage());
    }
}
