package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.container.LogLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conmon's k8s-file lines → output chunks; tailing picks up whole lines only, as they are appended. */
class LogReaderTest {
    @TempDir
    Path dir;

    private static String text(LogReader.Entry entry) {
        return new String(entry.text(), StandardCharsets.UTF_8);
    }

    @Test
    void fullLinesGetTheirNewlineBackAndPartialOnesDoNot() throws Exception {
        byte[] line = "2026-11-22T00:44:46.522506138+00:00 stdout F hello world".getBytes(StandardCharsets.UTF_8);
        var full = LogReader.parse(line, 0, line.length).orElseThrow();
        assertEquals("hello world\n", text(full));
        byte[] partial = "2026-11-22T00:44:46.5+01:00 stderr P abc".getBytes(StandardCharsets.UTF_8);
        var p = LogReader.parse(partial, 0, partial.length).orElseThrow();
        assertEquals("abc", text(p));
        byte[] empty = "2026-11-22T00:44:46Z stdout F ".getBytes(StandardCharsets.UTF_8);
        assertEquals("\n", text(LogReader.parse(empty, 0, empty.length).orElseThrow()));
        byte[] garbage = "not a log line".getBytes(StandardCharsets.UTF_8);
        assertTrue(LogReader.parse(garbage, 0, garbage.length).isEmpty());
    }

    @Test
    void theTailReturnsOnlyCompleteLinesInOrder() throws Exception {
        Path file = dir.resolve("container.log");
        Files.writeString(file, "2026-01-01T00:00:00Z stdout F one\n2026-01-01T00:00:01Z stderr F tw");
        LogReader.Tail tail = new LogReader.Tail(file, 0);
        assertEquals(1, tail.read().size());
        Files.writeString(file, "o\n2026-01-01T00:00:02Z stdout F three\n", StandardOpenOption.APPEND);
        var rest = tail.read();
        assertEquals(2, rest.size());
        assertEquals("two\n", text(rest.get(0)));
        assertEquals("three\n", text(rest.get(1)));
        assertTrue(tail.read().isEmpty());
        assertEquals(LogLine.Stream.STDERR, rest.get(0).stream());
        assertEquals(Instant.parse("2026-01-01T00:00:02Z"), rest.get(1).time());
    }

    @Test
    void aDeletedLogStillDrainsWhatWasWrittenLast() throws Exception {
        Path file = dir.resolve("auto-removed.log");
        Files.writeString(file, "");
        try (LogReader.Tail tail = new LogReader.Tail(file, 0)) {
            assertTrue(tail.read().isEmpty());
            Files.writeString(file, "2026-01-01T00:00:00Z stdout F last words\n", StandardOpenOption.APPEND);
            Files.delete(file); // AutoRemove: the container and its log are gone before the next poll
            var rest = tail.read();
            assertEquals(1, rest.size());
            assertEquals("last words\n", text(rest.get(0)));
        }
    }

    @Test
    void aRotatedLogIsDrainedThenTheNewFileFollowed() throws Exception {
        Path file = dir.resolve("rotated.log");
        Files.writeString(file, "2026-01-01T00:00:00Z stdout F one\n");
        try (LogReader.Tail tail = new LogReader.Tail(file, 0)) {
            assertEquals(1, tail.read().size());
            Files.writeString(file, "2026-01-01T00:00:01Z stdout F two\n", StandardOpenOption.APPEND);
            Files.move(file, dir.resolve("rotated.log.1"));
            Files.writeString(file, "2026-01-01T00:00:02Z stdout F three\n");
            var rest = tail.read();
            assertEquals(2, rest.size(), rest.toString());
            assertEquals("two\n", text(rest.get(0)));
            assertEquals("three\n", text(rest.get(1)));
        }
    }
}
