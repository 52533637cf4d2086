package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.container.LogLine;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A container's output from the log file conmon writes ({@code <time> <stream> <F|P> <bytes>} per line, kept
 * across daemon restarts): {@code docker logs} with since/until/tail/follow, and attach's live view. Following
 * polls the file (a few ms while output flows, up to 50 ms when idle) until the container's run ends.
 */
public final class LogReader {
    private static final long MAX_IDLE_POLL_MS = 50;

    /** Receives one chunk of output; an IOException (client gone) ends the stream. */
    @FunctionalInterface
    public interface Sink {
        void frame(LogLine.Stream stream, Instant time, byte[] text) throws IOException;
    }

    /** docker logs options; {@code tail} null means all. */
    public record Options(boolean stdout, boolean stderr, boolean follow, Instant since, Instant until,
            Integer tail) {
    }

    /** One chunk read from the log: its stream, when conmon read it, the bytes (F lines end in a newline). */
    record Entry(LogLine.Stream stream, Instant time, byte[] text) {
    }

    private final EngineContext ctx;

    LogReader(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** docker logs. */
    public void logs(String ref, Options o, Sink sink) throws IOException {
        ContainerRecord r = ctx.store.get(ref);
        try (Tail tail = new Tail(ctx.logFile(r.id()), 0)) {
            List<Entry> first = tail.read();
            if (o.tail() != null && o.tail() >= 0 && first.size() > o.tail()) {
                first = first.subList(first.size() - o.tail(), first.size());
            }
            if (!emit(first, o, sink) || !o.follow()) {
                return;
            }
            follow(r.id(), tail, o, sink, () -> !alive(r.id()));
        }
    }

    /**
     * attach: output from now (with {@code logs}, everything before it first) until the run that is going on,
     * or the next one if none is, has ended; or until the container is removed.
     */
    public void attach(String id, boolean logs, boolean stdout, boolean stderr, Sink sink) throws IOException {
        Options o = new Options(stdout, stderr, true, null, null, null);
        long epoch = ctx.epoch(id);
        boolean wasRunning = alive(id);
        Path file = ctx.logFile(id);
        createIfAbsent(file);
        try (Tail tail = new Tail(file, logs ? 0 : size(file))) {
            if (!emit(tail.read(), o, sink)) {
                return;
            }
            follow(id, tail, o, sink, () -> ctx.store.byId(id).isEmpty()
                    || (!alive(id) && (wasRunning || ctx.epoch(id) > epoch)));
        }
    }

    /**
     * Attach usually comes before start (docker run): with the log file there already (conmon appends to it),
     * the tail holds it open from the first byte, even if the container exits and is auto-removed between polls.
     */
    private static void createIfAbsent(Path file) {
        try {
            if (Files.isDirectory(file.getParent())) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            // already there (the usual case), or the container is being removed: the tail copes with both
        }
    }

    private boolean alive(String id) {
        return ctx.store.byId(id).map(r -> r.state().hasProcess()).orElse(false);
    }

    private void follow(String id, Tail tail, Options o, Sink sink, java.util.function.BooleanSupplier ended)
            throws IOException {
        long pause = 2;
        while (true) {
            boolean over = ended.getAsBoolean(); // checked before the read, so the final read drains everything
            List<Entry> fresh = tail.read();
            if (!emit(fresh, o, sink)) {
                return;
            }
            if (over) {
                return;
            }
            pause = fresh.isEmpty() ? Math.min(pause * 2, MAX_IDLE_POLL_MS) : 2;
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** False when {@code until} was passed (the stream is over). */
    private static boolean emit(List<Entry> entries, Options o, Sink sink) throws IOException {
        for (Entry e : entries) {
            if (o.until() != null && e.time() != null && e.time().isAfter(o.until())) {
                return false;
            }
            if (o.since() != null && e.time() != null && e.time().isBefore(o.since())) {
                continue;
            }
            if ((e.stream() == LogLine.Stream.STDOUT && o.stdout()) || (e.stream() == LogLine.Stream.STDERR
                    && o.stderr())) {
                sink.frame(e.stream(), e.time(), e.text());
            }
        }
        return true;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Reads whole lines appended since the last read; a line still being written waits for the next read. The
     * file stays open between reads: an AutoRemove container's log is deleted right after it exits, and an open
     * descriptor still drains what it wrote last (the output of a short {@code docker run --rm} would be lost
     * otherwise). When the path is replaced by a new file (rotation), the old one is drained first.
     */
    static final class Tail implements AutoCloseable {
        private final Path file;
        private long offset;
        private RandomAccessFile open;
        private Object openKey;

        Tail(Path file, long offset) {
            this.file = file;
            this.offset = offset;
        }

        List<Entry> read() throws IOException {
            List<Entry> out = new ArrayList<>();
            if (open == null && !reopen()) {
                return out;
            }
            drain(out);
            Object current = keyOf(file);
            if (current != null && !current.equals(openKey)) {
                close();
                offset = 0;
                if (reopen()) {
                    drain(out);
                }
            }
            return out;
        }

        private boolean reopen() throws IOException {
            Object key = keyOf(file);
            if (key == null) {
                return false;
            }
            try {
                open = new RandomAccessFile(file.toFile(), "r");
            } catch (java.io.FileNotFoundException gone) {
                return false;
            }
            openKey = key;
            return true;
        }

        private void drain(List<Entry> out) throws IOException {
            long length = open.length();
            if (length < offset) {
                offset = 0; // truncated by the size cap: start over
            }
            byte[] data = new byte[(int) Math.min(length - offset, Integer.MAX_VALUE - 16)];
            open.seek(offset);
            open.readFully(data);
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    parse(data, start, i).ifPresent(out::add);
                    start = i + 1;
                }
            }
            offset += start;
        }

        private static Object keyOf(Path file) {
            try {
                return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            if (open != null) {
                open.close();
                open = null;
            }
        }
    }

    /** {@code 2026-11-22T00:44:46.522506138+00:00 stdout F text}: F ends a line (newline added), P does not. */
    static Optional<Entry> parse(byte[] data, int from, int to) {
        Deque<Integer> spaces = new ArrayDeque<>();
        for (int i = from; i < to && spaces.size() < 3; i++) {
            if (data[i] == ' ') {
                spaces.addLast(i);
            }
        }
        if (spaces.size() < 2) {
            return Optional.empty();
        }
        int s1 = spaces.pollFirst();
        int s2 = spaces.pollFirst();
        Integer s3 = spaces.pollFirst();
        String stream = new String(data, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
        String tag = new String(data, s2 + 1, (s3 == null ? to : s3) - s2 - 1, StandardCharsets.US_ASCII);
        LogLine.Stream kind = switch (stream) {
            case "stdout" -> LogLine.Stream.STDOUT;
            case "stderr" -> LogLine.Stream.STDERR;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(new String(data, from, s1 - from, StandardCharsets.US_ASCII)).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        int textStart = s3 == null ? to : s3 + 1;
        boolean partial = tag.contains("P");
        byte[] text = new byte[to - textStart + (partial ? 0 : 1)];
        System.arraycopy(data, textStart, text, 0, to - textStart);
        if (!partial) {
            text[text.length - 1] = '\n';
        }
        return Optional.of(new Entry(kind, time, text));
    }
}
