package dev.jcompose.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLockTest {
    @TempDir
    Path dir;

    @Test
    void secondHolderFailsWithProjectBusyAfterWaiting() {
        List<String> told = new ArrayList<>();
        try (ProjectLock first = ProjectLock.acquire(dir, "demo", Duration.ZERO, told::add)) {
            ComposeException e = assertThrows(ComposeException.class,
                    () -> ProjectLock.acquire(dir, "demo", Duration.ofMillis(120), told::add));
            assertEquals(ComposeException.Kind.CONFLICT, e.kind());
            assertTrue(e.getMessage().contains("project demo is busy"), e.getMessage());
            assertEquals(1, told.size(), "the waiter is told once");
        }
    }

    @Test
    void otherProjectsDoNotWait() {
        try (ProjectLock a = ProjectLock.acquire(dir, "a", Duration.ZERO, s -> { });
                ProjectLock b = ProjectLock.acquire(dir, "b", Duration.ZERO, s -> { })) {
            assertTrue(a != b);
        }
    }

    @Test
    void waiterGetsTheLockWhenReleased() throws Exception {
        ProjectLock first = ProjectLock.acquire(dir, "demo", Duration.ZERO, s -> { });
        CountDownLatch waiting = new CountDownLatch(1);
        Thread t = Thread.ofVirtual().start(() -> {
            try (ProjectLock second = ProjectLock.acquire(dir, "demo", Duration.ofSeconds(10), s -> waiting.countDown())) {
                // acquired
            }
        });
        waiting.await();
        first.close();
        t.join(Duration.ofSeconds(10));
        assertTrue(!t.isAlive(), "second acquirer finished after release");
    }
}
