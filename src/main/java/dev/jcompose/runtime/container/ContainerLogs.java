package dev.jcompose.runtime.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads a container's log files in either monitor format. */
public final class ContainerLogs {
    private ContainerLogs() {}

    /** All lines so far: conmon's file in order; raw files stdout first, then stderr (no interleaving known). */
    public static List<LogLine> read(ContainerPaths paths, ContainerMonitor.LogFormat format) throws IOException {
        List<LogLine> out = new ArrayList<>();
        if (format == ContainerMonitor.LogFormat.K8S_FILE) {
            for (String line : lines(paths.containerLog())) {
                LogLine parsed = parseK8sLine(line);
                if (parsed != null) {
                    out.add(parsed);
                }
            }
            return out;
        }
        lines(paths.stdoutLog()).forEach(l -> out.add(new LogLine(null, LogLine.Stream.STDOUT, l, false)));
        lines(paths.stderrLog()).forEach(l -> out.add(new LogLine(null, LogLine.Stream.STDERR, l, false)));
        return out;
    }

    /** The text of all lines, joining partial chunks, each full line ending in a newline. */
    public static String text(List<LogLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (LogLine l : lines) {
            sb.append(l.text());
            if (!l.partial()) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * {@code 2026-11-22T00:44:46.522506138+00:00 stdout F hi}: time, stream, tags (F full, P partial), text.
     * Returns null for a line that does not have that shape (e.g. cut short by a size-cap truncation).
     */
    public static LogLine parseK8sLine(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3) {
            return null;
        }
        LogLine.Stream stream = switch (parts[1]) {
            case "stdout" -> LogLine.Stream.STDOUT;
            case "stderr" -> LogLine.Stream.STDERR;
            default -> null;
        };
        if (stream == null) {
            return null;
        }
        try {
            return new LogLine(OffsetDateTime.parse(parts[0]).toInstant(), stream,
                    parts.length == 4 ? parts[3] : "", parts[2].contains("P"));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
            if (out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
