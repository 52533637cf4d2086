package dev.jcompose.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Exit code and health read from a container list's status text, in dockerd's and the fake's spellings. */
class StatusTextTest {
    @Test
    void exitCodesOfExitedAndRestartingContainers() {
        assertEquals(0, StatusText.exitCode("Exited (0) 3 minutes ago"));
        assertEquals(137, StatusText.exitCode("Exited (137) About a minute ago"));
        assertEquals(1, StatusText.exitCode("Restarting (1) 2 seconds ago"));
        assertEquals(255, StatusText.exitCode("Exited (255)"));
        assertEquals(-1, StatusText.exitCode("Exited (-1) 5 hours ago"));
        assertEquals(0, StatusText.exitCode("Up 2 minutes"));
        assertEquals(0, StatusText.exitCode("Created"));
        assertEquals(0, StatusText.exitCode(""));
        assertEquals(0, StatusText.exitCode(null));
        assertEquals(0, StatusText.exitCode("Up 3 seconds (Exited (9) is not a prefix here)"));
    }

    @Test
    void healthOfRunningContainers() {
        assertEquals("healthy", StatusText.health("Up 5 minutes (healthy)"));
        assertEquals("unhealthy", StatusText.health("Up 12 seconds (unhealthy)"));
        assertEquals("starting", StatusText.health("Up 1 second (health: starting)"));
        assertEquals("starting", StatusText.health("Up (starting)"));
        assertNull(StatusText.health("Up 5 minutes"));
        assertNull(StatusText.health("Up 5 minutes (Paused)"));
        assertNull(StatusText.health("Exited (0) 1 second ago"));
        assertNull(StatusText.health(null));
    }
}
