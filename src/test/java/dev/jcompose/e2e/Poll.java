package dev.jcompose.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting for a state with a deadline instead of sleeping a fixed time. */
final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {
    }

    /** Polls until {@code probe} yields a value; fails naming {@code what} (and the last error) at the deadline. */
    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> v = probe.get();
                if (v.isPresent()) {
                    return v.get();
                }
                last = null;
            } catch (RuntimeException e) {
                last = e; // the engine may answer "not found" while a container is being replaced
            }
            if (System.nanoTime() > deadline) {
                AssertionError e = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for "
                        + what);
                if (last != null) {
                    e.addSuppressed(last);
                }
                throw e;
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    static void until(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        until(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
