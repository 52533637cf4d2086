package dev.jcompose.runtime.container;

import java.time.Duration;
import java.util.Optional;

/**
 * The pure part of restart supervision, Docker's restart manager rules: the delay starts at 100 ms and doubles
 * per restart up to 1 minute, back to 100 ms when the container had run 10 s or more; a manual stop never
 * restarts; on-failure restarts non-zero exits up to its retry count.
 */
public final class RestartDecider {
    public static final Duration INITIAL_DELAY = Duration.ofMillis(100);
    public static final Duration MAX_DELAY = Duration.ofMinutes(1);
    public static final Duration RESET_AFTER = Duration.ofSeconds(10);

    private RestartDecider() {}

    /** Where a container stands between restarts: how many so far, and the delay used last (ZERO = none yet). */
    public record History(int restartCount, Duration lastDelay) {
        public static final History NEW = new History(0, Duration.ZERO);
    }

    /** The outcome of one exit: restart after {@code delay} (with the new history), or stay stopped. */
    public record Decision(Optional<Duration> delay, History history) {
        public boolean restart() {
            return delay.isPresent();
        }
    }

    public static Decision onExit(RestartPolicy policy, History history, int exitCode, Duration ranFor,
            boolean manuallyStopped) {
        if (policy.mode() == RestartPolicy.Mode.NO || manuallyStopped) {
            return new Decision(Optional.empty(), history);
        }
        Duration delay = nextDelay(ranFor.compareTo(RESET_AFTER) >= 0 ? Duration.ZERO : history.lastDelay());
        boolean restart = switch (policy.mode()) {
            case ALWAYS, UNLESS_STOPPED -> true;
            case ON_FAILURE -> exitCode != 0
                    && (policy.maxRetries() == 0 || history.restartCount() < policy.maxRetries());
            case NO -> false;
        };
        if (!restart) {
            return new Decision(Optional.empty(), new History(history.restartCount(), delay));
        }
        return new Decision(Optional.of(delay), new History(history.restartCount() + 1, delay));
    }

    static Duration nextDelay(Duration last) {
        if (last.isZero()) {
            return INITIAL_DELAY;
        }
        Duration doubled = last.multipliedBy(2);
        return doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
    }
}
