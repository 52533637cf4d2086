package dev.jcompose.engine.fake;

import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.LogFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fake container's "program" does. exitOnStart null = a service that runs until stopped or killed;
 * otherwise a one-shot that prints its output and exits with that code as soon as it starts. On the stop
 * signal a service exits with exitOnStop, unless it ignores it (then stop ends in SIGKILL: 137). Any other
 * signal ends it with 128 + signal. health is the sequence of statuses successive inspects report while it
 * runs (the last one repeats); empty = starting, then healthy, for containers that have a healthcheck.
 */
public record FakeProcess(Integer exitOnStart, List<Output> output, int exitOnStop, boolean ignoresStopSignal,
        List<HealthStatus> health) {

    /** The default program: runs until stopped, exits 0 on the stop signal. */
    public static final FakeProcess SERVICE = new FakeProcess(null, List.of(), 0, false, List.of());

    public FakeProcess {
        output = List.copyOf(output);
        health = List.copyOf(health);
    }

    public record Output(LogFrame.Stream stream, String text) {
    }

    /** A one-shot program exiting with {@code code} right after start. */
    public static FakeProcess exitsWith(int code) {
        return new FakeProcess(code, List.of(), 0, false, List.of());
    }

    /** Appends a line (a newline is added when missing) to stdout, written at start. */
    public FakeProcess printing(String line) {
        return withOutput(new Output(LogFrame.Stream.STDOUT, line));
    }

    public FakeProcess printingToStderr(String line) {
        return withOutput(new Output(LogFrame.Stream.STDERR, line));
    }

    public FakeProcess exitingOnStop(int code) {
        return new FakeProcess(exitOnStart, output, code, ignoresStopSignal, health);
    }

    /** Like busybox httpd as PID 1: the stop signal does nothing, so stop waits and kills. */
    public FakeProcess ignoringStopSignal() {
        return new FakeProcess(exitOnStart, output, exitOnStop, true, health);
    }

    public FakeProcess withHealth(HealthStatus... sequence) {
        return new FakeProcess(exitOnStart, output, exitOnStop, ignoresStopSignal, List.of(sequence));
    }

    private FakeProcess withOutput(Output line) {
        List<Output> more = new ArrayList<>(output);
        more.add(new Output(line.stream(), line.text().endsWith("\n") ? line.text() : line.text() + "\n"));
        return new FakeProcess(exitOnStart, more, exitOnStop, ignoresStopSignal, health);
    }
}
