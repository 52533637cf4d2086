package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command must exit as soon as it is done. A thread left in native code (the JDK's I/O poller, woken when a
 * virtual thread blocks on a socket) makes the JVM wait ~300 ms at exit: engine calls from virtual threads must
 * not leave one behind.
 */
@Tag("docker")
class ExitLatencyE2eTest {
    @TempDir
    Path tmp;

    @Test
    void engineCallsFromVirtualThreadsLeaveNoThreadInANativePollWait() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PollerProbe.class.getName()));
        Path out = tmp.resolve("probe.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not finish");
        }
        assertEquals(0, p.exitValue(), Files.readString(out));
        assertEquals("", Files.readString(out).strip(), "threads in a native poll wait at exit");
    }
}
