package dev.jcompose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * /dev/null was found as a regular file on this machine several times, which breaks every later shell redirect
 * and any container given /dev/null as a device (the cause, found with the kernel audit log: install.sh probed
 * for AOT support with -XX:AOTCacheOutput=/dev/null, and the JVM removes an existing output file before it
 * dumps). So that a test can never do the same unnoticed, every test class is checked after it ran: the first class after which /dev/null is no longer a character device is recorded in
 * target/devnull-guard.txt (test.sh fails the run on it) and the device is put back so the rest of the run
 * still means something.
 */
public final class DevNullGuard implements TestExecutionListener {
    private static final Path DEV_NULL = Path.of("/dev/null");
    private static final Path REPORT = Path.of("target", "devnull-guard.txt");

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        check("before the first test class");
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.getSource().orElse(null) instanceof ClassSource source) {
            check("during " + source.getClassName());
        }
    }

    private static void check(String when) {
        if (!Files.isRegularFile(DEV_NULL) && Files.exists(DEV_NULL)) {
            return; // still the device
        }
        String line = Instant.now() + " /dev/null was replaced by a regular file or removed " + when + "\n";
        System.err.print("DevNullGuard: " + line);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            restore();
        } catch (IOException | InterruptedException e) {
            System.err.println("DevNullGuard: could not restore /dev/null: " + e);
        }
    }

    private static void restore() throws IOException, InterruptedException {
        if (Files.isRegularFile(DEV_NULL)) {
            Files.delete(DEV_NULL); // a regular file here is debris, never the device
        }
        Process p = new ProcessBuilder("mknod", "-m", "666", "/dev/null", "c", "1", "3")
                .inheritIO().start(); // not DISCARD: that opens /dev/null, which would create the file again
        p.waitFor();
    }
}
