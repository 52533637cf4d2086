package dev.jcompose.engine.docker;

import dev.jcompose.engine.LogFrame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a log payload requested with timestamps=true into records. Each line starts with an RFC 3339 time
 * and a space; a chunk may hold several lines (tty containers are not framed per line).
 */
final class LogLines {
    private LogLines() {
    }

    static List<LogFrame> parse(byte[] payload, LogFrame.Stream stream) {
        String text = new String(payload, StandardCharsets.UTF_8);
        List<LogFrame> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            out.add(line(text.substring(start, end), stream));
            start = end;
        }
        return out;
    }

    private static LogFrame line(String line, LogFrame.Stream stream) {
        int space = line.indexOf(' ');
        if (space > 0) {
            try {
                return new LogFrame(stream, Instant.parse(line.substring(0, space)), line.substring(space + 1));
            } catch (DateTimeParseException notATimestamp) {
                // a continuation without its own timestamp: keep the text whole
            }
        }
        return new LogFrame(stream, null, line);
    }
}
