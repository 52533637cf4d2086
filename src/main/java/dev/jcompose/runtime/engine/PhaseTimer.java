package dev.jcompose.runtime.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Wall-clock time of the phases of one lifecycle step (a start, a create, a removal), logged at DEBUG as one
 * line: "start 0123456789ab: netns 4 ms, mount 3 ms, ... = 41 ms". The breakdown in docs/benchmarks.md comes
 * from these lines; they cost two nanoTime calls per phase, so they stay in production code.
 */
final class PhaseTimer {
    private static final System.Logger LOG = System.getLogger(PhaseTimer.class.getName());
    private final String what;
    private final long begin = System.nanoTime();
    private long last = begin;
    private final List<String> phases = new ArrayList<>();

    PhaseTimer(String what) {
        this.what = what;
    }

    /** Ends the current phase under {@code name}; the next one begins now. */
    void mark(String name) {
        long now = System.nanoTime();
        phases.add(name + " " + micros(now - last));
        last = now;
    }

    void log() {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, what + ": " + String.join(", ", phases) + " = "
                    + micros(System.nanoTime() - begin));
        }
    }

    private static String micros(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }
}
