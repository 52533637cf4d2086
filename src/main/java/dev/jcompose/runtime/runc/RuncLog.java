package dev.jcompose.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads runc's JSON log ({@code --log F --log-format json}): one object per line with level, msg and time. With
 * --log set, runc writes its errors only there (not to stderr), so a failed call is explained from the lines it
 * appended after the offset taken before the call.
 */
final class RuncLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuncLog() {}

    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last error or fatal message appended after {@code offset}; null when there is none. */
    static String lastErrorSince(Path log, long offset) {
        String text = readFrom(log, offset);
        String last = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                String level = node.path("level").asText();
                if (level.equals("error") || level.equals("fatal")) {
                    last = node.path("msg").asText();
                }
            } catch (IOException e) {
                last = line.strip(); // not JSON: runc printed something raw, keep it as the explanation
            }
        }
        return last;
    }

    private static String readFrom(Path log, long offset) {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            long start = offset <= length ? offset : 0; // truncated meanwhile: read it all
            long max = Math.min(length - start, 1 << 20);
            byte[] buf = new byte[(int) max];
            f.seek(length - max);
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
