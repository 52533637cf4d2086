package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogFrame.Stream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    @Test
    void oneTimestampedLine() {
        assertEquals(List.of(new LogFrame(Stream.STDERR, Instant.parse("2024-05-01T10:00:00.123456789Z"), "oops\n")),
                LogLines.parse(bytes("2024-05-01T10:00:00.123456789Z oops\n"), Stream.STDERR));
    }

    @Test
    void aTtyChunkWithSeveralLinesAndAPartialOne() {
        List<LogFrame> frames = LogLines.parse(bytes("2024-05-01T10:00:00Z a b\n2024-05-01T10:00:01Z c\npartial"),
                Stream.STDOUT);
        assertEquals(List.of(new LogFrame(Stream.STDOUT, Instant.parse("2024-05-01T10:00:00Z"), "a b\n"),
                new LogFrame(Stream.STDOUT, Instant.parse("2024-05-01T10:00:01Z"), "c\n"),
                new LogFrame(Stream.STDOUT, null, "partial")), frames);
    }

    @Test
    void textWithoutATimestampIsKeptWhole() {
        assertEquals(List.of(new LogFrame(Stream.STDOUT, null, "hello world\n")),
                LogLines.parse(bytes("hello world\n"), Stream.STDOUT));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
