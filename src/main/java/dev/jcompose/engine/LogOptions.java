package dev.jcompose.engine;

import java.time.Instant;

/** What part of a container's log to read. tail null = all lines; since/until null = unbounded. */
public record LogOptions(boolean follow, Instant since, Instant until, Integer tail, boolean stdout,
        boolean stderr) {
    public static final LogOptions ALL = new LogOptions(false, null, null, null, true, true);
    public static final LogOptions FOLLOW = new LogOptions(true, null, null, null, true, true);

    public LogOptions withTail(Integer lines) {
        return new LogOptions(follow, since, until, lines, stdout, stderr);
    }

    public LogOptions withSince(Instant from) {
        return new LogOptions(follow, from, until, tail, stdout, stderr);
    }

    public LogOptions withUntil(Instant to) {
        return new LogOptions(follow, since, to, tail, stdout, stderr);
    }
}
