package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Docker's health state machine: streaks, retries, the start period, the five-entry log. */
class HealthRecordTest {
    private static HealthRecord.Probe probe(int code) {
        return new HealthRecord.Probe("s", "e", code, "out" + code);
    }

    /** exit codes in order, start-period flags, retries → final status and streak. */
    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of(List.of(0), List.of(false), 3, "healthy", 0),
                Arguments.of(List.of(1, 1), List.of(false, false), 3, "starting", 2),
                Arguments.of(List.of(1, 1, 1), List.of(false, false, false), 3, "unhealthy", 3),
                Arguments.of(List.of(1, 1, 1), List.of(true, true, true), 1, "starting", 0),
                Arguments.of(List.of(1, 0), List.of(false, false), 1, "healthy", 0),
                Arguments.of(List.of(0, 1, 1), List.of(false, false, false), 2, "unhealthy", 2),
                Arguments.of(List.of(0, -1), List.of(false, false), 1, "unhealthy", 1));
    }

    @ParameterizedTest
    @MethodSource("sequences")
    void statusFollowsTheProbes(List<Integer> codes, List<Boolean> inStart, int retries, String status, int streak) {
        HealthRecord h = HealthRecord.starting();
        for (int i = 0; i < codes.size(); i++) {
            h = h.after(probe(codes.get(i)), inStart.get(i), retries);
        }
        assertEquals(status, h.status());
        assertEquals(streak, h.failingStreak());
    }

    @Test
    void theLogKeepsTheLastFive() {
        HealthRecord h = HealthRecord.starting();
        for (int i = 0; i < 7; i++) {
            h = h.after(probe(i), false, 3);
        }
        assertEquals(List.of("out2", "out3", "out4", "out5", "out6"), h.log().stream().map(HealthRecord.Probe::output)
                .toList());
    }

    @Test
    void anExitMakesTheHealthUnhealthyLikeDocker() {
        StateRecord running = StateRecord.created().started(1, java.time.Instant.EPOCH, true);
        assertEquals(HealthRecord.UNHEALTHY, running.exited(0, false, java.time.Instant.EPOCH, null).health().status());
    }
}
