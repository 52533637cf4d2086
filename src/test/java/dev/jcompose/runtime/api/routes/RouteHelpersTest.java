package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.container.LogLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Docker's wire details: human durations, stream frames, filters, time parameters. */
class RouteHelpersTest {
    @ParameterizedTest
    @CsvSource({"0, Less than a second", "1, 1 second", "59, 59 seconds", "60, About a minute", "119, About a minute",
            "120, 2 minutes", "3599, 59 minutes", "3600, About an hour", "7200, 2 hours", "172800, 2 days",
            "1209600, 2 weeks", "5184000, 2 months", "63072000, 2 years"})
    void humanDurationsMatchGoUnits(long seconds, String text) {
        assertEquals(text, HumanTime.duration(Duration.ofSeconds(seconds)));
    }

    @Test
    void multiplexedFramesCarryStreamAndBigEndianSize() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.sink(out, true, false).frame(LogLine.Stream.STDERR, Instant.EPOCH, "oops\n".getBytes());
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 5, 'o', 'o', 'p', 's', '\n'}, out.toByteArray());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Frames.sink(raw, false, true).frame(LogLine.Stream.STDOUT, Instant.parse("2024-01-02T03:04:05.5Z"),
                "hi\n".getBytes());
        assertEquals("2024-01-02T03:04:05.500000000Z hi\n", raw.toString(StandardCharsets.UTF_8));
    }

    private static ApiRequest request(String filters) {
        return new ApiRequest("GET", "/x", "1.41", Map.of("filters", List.of(filters)), Map.of(), Map.of(), null, null);
    }

    @Test
    void filtersAcceptBothJsonShapesAndRefuseUnknownKeys() {
        Filters modern = Filters.of(request("{\"label\":[\"a=b\",\"c\"],\"status\":[\"exited\"]}"),
                Set.of("label", "status"));
        assertEquals(List.of("a=b", "c"), modern.get("label"));
        Filters legacy = Filters.of(request("{\"label\":{\"a=b\":true,\"off\":false}}"), Set.of("label"));
        assertEquals(List.of("a=b"), legacy.get("label"));
        RuntimeError e = assertThrows(RuntimeError.class, () -> Filters.of(request("{\"bogus\":[\"x\"]}"),
                Set.of("label")));
        assertEquals("invalid filter 'bogus'", e.getMessage());
        assertTrue(Filters.labelsMatch(List.of("a=b", "c"), Map.of("a", "b", "c", "")));
        assertFalse(Filters.labelsMatch(List.of("a=b", "c"), Map.of("a", "b")));
        assertFalse(Filters.labelsMatch(List.of("a=x"), Map.of("a", "b")));
    }

    @Test
    void timeParametersAreUnixSecondsWithFractions() {
        assertEquals(Instant.ofEpochSecond(1700000000, 500_000_000), ContainerStreams.time("1700000000.5"));
        assertEquals(Instant.ofEpochSecond(1700000000), ContainerStreams.time("1700000000"));
        assertEquals(null, ContainerStreams.time("0"));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), ContainerStreams.time("2024-01-02T03:04:05Z"));
        assertEquals(400, assertThrows(RuntimeError.class, () -> ContainerStreams.time("yesterday")).status());
    }
}
