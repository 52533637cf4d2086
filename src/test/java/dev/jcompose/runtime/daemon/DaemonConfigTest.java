package dev.jcompose.runtime.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The userland-proxy setting: on unless JCOMPOSE_ENGINE_USERLAND_PROXY says false, in Go's boolean spellings. */
class DaemonConfigTest {
    @Test
    void theProxyIsTheDefault() {
        assertTrue(DaemonConfig.fromEnv(Map.of()).userlandProxy());
        assertTrue(DaemonConfig.fromEnv(Map.of(DaemonConfig.USERLAND_PROXY_ENV, " ")).userlandProxy());
        assertTrue(new DaemonConfig(Path.of("/r"), Path.of("/run"), Path.of("/s")).userlandProxy());
    }

    @Test
    void falseInAnyOfGosSpellingsTurnsItOff() {
        for (String off : new String[] {"false", "0", "f", "F", "FALSE", "False"}) {
            assertFalse(DaemonConfig.fromEnv(Map.of(DaemonConfig.USERLAND_PROXY_ENV, off)).userlandProxy(), off);
        }
        assertTrue(DaemonConfig.fromEnv(Map.of(DaemonConfig.USERLAND_PROXY_ENV, "1")).userlandProxy());
        DaemonConfig c = DaemonConfig.fromEnv(Map.of("JCOMPOSE_ENGINE_ROOT", "/tmp/x"));
        assertEquals(c.withUserlandProxy(false), new DaemonConfig(c.root(), c.runDir(), c.socket(), false));
    }

    @Test
    void anythingElseIsRefusedWithTheName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DaemonConfig.fromEnv(Map.of(DaemonConfig.USERLAND_PROXY_ENV, "no")));
        assertEquals("invalid value \"no\" for JCOMPOSE_ENGINE_USERLAND_PROXY: true or false expected", e.getMessage());
    }
}
