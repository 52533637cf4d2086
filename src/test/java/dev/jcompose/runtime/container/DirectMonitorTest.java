package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.runc.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fallback without conmon: runc writes PID 1's output straight to files; exit codes are unknown. */
@Tag("root")
class DirectMonitorTest {
    private RuncTestBed bed;

    @BeforeEach
    void setUp() throws IOException {
        bed = new RuncTestBed(false);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void outputLandsInPerStreamFilesAndTheExitIsNoticed() throws IOException {
        String id = bed.run(bed.config("sh", "-c", "echo hi; echo err >&2; exit 3").build());
        ExitStatus exit = bed.runtime.waitExit(id, Duration.ofSeconds(10)).orElseThrow();
        assertFalse(exit.known(), "without a monitor nobody can read PID 1's exit status");
        ContainerPaths paths = bed.runtime.paths(id);
        assertEquals("hi\n", Files.readString(paths.stdoutLog()));
        assertEquals("err\n", Files.readString(paths.stderrLog()));
        assertEquals(ContainerStatus.State.STOPPED, bed.runtime.status(id).state());
    }

    @Test
    void signalAwareStopWorksWithoutConmonToo() {
        String id = bed.run(bed.config("sleep", "1000").build());
        assertTrue(bed.runtime.status(id).isRunning());
        long t0 = System.nanoTime();
        bed.runtime.stop(id, Signals.SIGTERM, Duration.ofSeconds(10));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "took " + ms + " ms");
        assertEquals(ContainerStatus.State.STOPPED, bed.runtime.status(id).state());
    }
}
