package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Docker's wait conditions: not-running returns at once when stopped, next-exit waits, removed outlasts exits. */
class WaitersTest {
    private final Waiters waiters = new Waiters();
    private final StateRecord running = StateRecord.created().started(7, Instant.EPOCH, false);

    @Test
    void notRunningIsImmediateForAStoppedContainer() {
        CompletableFuture<Integer> f = waiters.register("c", Waiters.Condition.NOT_RUNNING,
                () -> running.exited(3, false, Instant.EPOCH, null));
        assertEquals(3, f.getNow(-1));
        assertEquals(0, waiters.register("c", Waiters.Condition.NOT_RUNNING, StateRecord::created).getNow(-1),
                "a never started container");
    }

    @Test
    void exitsReleaseExitWaitersAndRemovalReleasesAll() {
        CompletableFuture<Integer> notRunning = waiters.register("c", Waiters.Condition.NOT_RUNNING, () -> running);
        CompletableFuture<Integer> nextExit = waiters.register("c", Waiters.Condition.NEXT_EXIT,
                StateRecord::created);
        CompletableFuture<Integer> removed = waiters.register("c", Waiters.Condition.REMOVED, () -> running);
        CompletableFuture<Integer> other = waiters.register("d", Waiters.Condition.NEXT_EXIT, () -> running);
        assertFalse(notRunning.isDone());
        waiters.exited("c", 137);
        assertEquals(137, notRunning.getNow(-1));
        assertEquals(137, nextExit.getNow(-1));
        assertFalse(removed.isDone(), "removed waits for the removal");
        assertFalse(other.isDone());
        waiters.removed("c", 137);
        assertTrue(removed.isDone());
        assertEquals(137, removed.getNow(-1));
    }

    @Test
    void unknownConditionsAre400() {
        assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(dev.jcompose.runtime.RuntimeError.class,
                () -> Waiters.Condition.parse("soon")).status());
        assertEquals(Waiters.Condition.NOT_RUNNING, Waiters.Condition.parse(null));
    }
}
