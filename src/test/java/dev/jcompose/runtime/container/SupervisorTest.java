package dev.jcompose.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupervisorTest {
    private final FakeTime time = new FakeTime();
    private final List<String> restarts = new ArrayList<>();
    private final Supervisor supervisor = new Supervisor(time, time, id -> restarts.add(id + "@"
            + time.instant().toEpochMilli() % 1_000_000));

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"no,NO,0", "'',NO,0", "always,ALWAYS,0", "unless-stopped,UNLESS_STOPPED,0",
        "on-failure,ON_FAILURE,0", "ON-FAILURE:3,ON_FAILURE,3"})
    void parsesDockerPolicies(String text, RestartPolicy.Mode mode, int retries) {
        assertEquals(new RestartPolicy(mode, retries), RestartPolicy.parse(text));
    }

    @Test
    void rejectsBadPolicies() {
        assertEquals("invalid restart policy: \"sometimes\"",
                assertThrows(IllegalArgumentException.class, () -> RestartPolicy.parse("sometimes")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.parse("always:3"));
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.parse("on-failure:x"));
        assertThrows(IllegalArgumentException.class, () -> RestartPolicy.parse("on-failure:-1"));
    }

    @Test
    void daemonBootRules() {
        assertTrue(RestartPolicy.parse("always").startsOnDaemonBoot(true));
        assertTrue(RestartPolicy.parse("unless-stopped").startsOnDaemonBoot(false));
        assertFalse(RestartPolicy.parse("unless-stopped").startsOnDaemonBoot(true));
        assertFalse(RestartPolicy.parse("on-failure").startsOnDaemonBoot(false));
    }

    @Test
    void backoffDoublesFrom100msAndIsCappedAtOneMinute() {
        supervisor.started("c", RestartPolicy.parse("always"));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            supervisor.exited("c", 1);
            delays.add(time.pendingDelays().get(0).toMillis());
            time.advance(time.pendingDelays().get(0));
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 51200L, 60000L, 60000L),
                delays);
        assertEquals(12, restarts.size());
        assertEquals(12, supervisor.restartCount("c"));
    }

    @Test
    void tenSecondsUpResetsTheDelay() {
        supervisor.started("c", RestartPolicy.parse("always"));
        for (int i = 0; i < 4; i++) {
            supervisor.exited("c", 1);
            time.advance(time.pendingDelays().get(0));
        }
        assertEquals(Duration.ofMillis(800), supervisor.lastDelay("c").orElseThrow());
        time.advance(Duration.ofSeconds(10));
        supervisor.exited("c", 1);
        assertEquals(List.of(Duration.ofMillis(100)), time.pendingDelays());
    }

    @Test
    void onFailureRestartsFailuresOnlyAndGivesUpAfterItsRetries() {
        supervisor.started("c", RestartPolicy.parse("on-failure:3"));
        supervisor.exited("c", 0);
        assertTrue(time.pendingDelays().isEmpty(), "exit 0 is not a failure");
        supervisor.started("c", RestartPolicy.parse("on-failure:3"));
        for (int i = 0; i < 5; i++) {
            supervisor.exited("c", 2);
            time.advance(Duration.ofMinutes(2));
        }
        assertEquals(3, restarts.size(), "three retries, then it stays stopped: " + restarts);
        assertFalse(supervisor.isRestarting("c"));
    }

    @Test
    void noPolicyAndManualStopsNeverRestart() {
        supervisor.started("a", RestartPolicy.NO);
        supervisor.exited("a", 1);
        supervisor.started("b", RestartPolicy.parse("always"));
        supervisor.stoppedByUser("b");
        supervisor.exited("b", 137);
        supervisor.started("u", RestartPolicy.parse("unless-stopped"));
        supervisor.stoppedByUser("u");
        supervisor.exited("u", 0);
        time.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), restarts);
    }

    @Test
    void stopOrRemoveCancelsAPendingRestart() {
        supervisor.started("c", RestartPolicy.parse("always"));
        supervisor.exited("c", 1);
        assertTrue(supervisor.isRestarting("c"));
        supervisor.stoppedByUser("c");
        supervisor.started("d", RestartPolicy.parse("always"));
        supervisor.exited("d", 1);
        supervisor.forget("d");
        time.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), restarts);
    }

    @Test
    void aFailedRestartCountsAsAnExitSoTheBackoffContinues() {
        List<Long> attempts = new ArrayList<>();
        Supervisor failing = new Supervisor(time, time, id -> {
            attempts.add(time.instant().toEpochMilli());
            throw new IllegalStateException("rootfs gone");
        });
        failing.started("c", RestartPolicy.parse("always"));
        failing.exited("c", 1);
        time.advance(Duration.ofMillis(1500));
        long t0 = time.instant().toEpochMilli() - 1500;
        assertEquals(List.of(100L, 300L, 700L, 1500L), attempts.stream().map(a -> a - t0).toList());
    }
}
