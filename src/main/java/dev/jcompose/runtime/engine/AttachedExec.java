package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.container.ConmonAttach;
import dev.jcompose.runtime.container.ConmonExec;
import dev.jcompose.runtime.container.ExecSpec;
import dev.jcompose.runtime.container.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * An exec with a TTY, run by conmon: output comes over conmon's attach socket and goes to the client raw (a TTY
 * merges stdout and stderr), the client's stdin goes the other way, and the exit code is what conmon recorded.
 * When the client goes away the process keeps running and its output is drained, as with dockerd.
 */
final class AttachedExec {
    /** Docker's exit code when the runtime could not start the process at all. */
    static final int CANNOT_START = 126;

    private final EngineContext ctx;
    private final ExecManager.Exec exec;

    AttachedExec(EngineContext ctx, ExecManager.Exec exec) {
        this.ctx = ctx;
        this.exec = exec;
    }

    /**
     * Starts conmon; returns once the process runs (or failed to start). The rest — output, stdin, the exit code
     * — goes on in the background; {@link ExecManager.Exec#awaitEnd} waits for it.
     */
    void start(ExecSpec spec, InputStream stdin, LogReader.Sink sink) {
        ConmonExec session = ctx.runtime.execAttached(exec.containerId, exec.id, spec, true, stdin != null,
                exec.rows, exec.columns);
        exec.attachSession(session);
        Thread input = stdin == null ? null : Thread.ofVirtual().name("exec-stdin-" + exec.shortId())
                .start(() -> copyInput(stdin, session.attach()));
        // conmon's socket is read in native code: a platform thread, so no virtual-thread carrier is pinned
        Thread.ofPlatform().daemon().name("exec-output-" + exec.shortId()).start(() -> {
            try {
                copyOutput(session, sink);
                OptionalInt code = session.awaitExit();
                if (code.isEmpty()) {
                    tell(sink, session.failure());
                }
                exec.finished(code.orElse(CANNOT_START));
            } finally {
                if (input != null) {
                    input.interrupt();
                }
                session.close();
                ctx.runtime.endAttachedExec(exec.containerId, exec.id);
                exec.ended();
            }
        });
    }

    private static void copyOutput(ConmonExec session, LogReader.Sink sink) {
        LogReader.Sink[] target = {sink};
        try {
            session.attach().copyOutput((stream, data) -> {
                if (target[0] == null) {
                    return;
                }
                try {
                    target[0].frame(stream == ConmonAttach.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT,
                            Instant.now(), data);
                } catch (IOException clientGone) {
                    target[0] = null; // keep draining: a stalled socket would stall the process
                }
            });
        } catch (IOException e) {
            // conmon went away: the exit record says the rest
        }
    }

    private static void copyInput(InputStream stdin, ConmonAttach attach) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = stdin.read(buffer)) >= 0) {
                attach.send(buffer, 0, n);
            }
            attach.endInput();
        } catch (IOException e) {
            // the client or the process went away
        }
    }

    private static void tell(LogReader.Sink sink, String message) {
        if (sink == null) {
            return;
        }
        try {
            sink.frame(LogLine.Stream.STDOUT, Instant.now(), ("OCI runtime exec failed: " + message + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nobody to tell
        }
    }
}
