package dev.jcompose.app;

import dev.jcompose.engine.LogFrame;

/**
 * Where multiplexed container output goes (the CLI renders it with prefixes and colors). Called from several
 * stream threads at once: implementations synchronize.
 */
public interface LogSink {
    /** The containers about to be streamed, sorted by name, before any of their output (stable colors). */
    default void attach(java.util.List<String> sources) {
    }

    /** One record of a container's log; {@code source} names the container as compose does ("web-1"). */
    void log(String source, LogFrame frame);

    /** A line about the container itself: "exited with code 0". */
    void status(String source, String message);
}
