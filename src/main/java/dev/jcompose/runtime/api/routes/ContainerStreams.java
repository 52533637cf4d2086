package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.LogReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The output streams of a container: GET /logs (multiplexed unless the container has a TTY, optionally
 * timestamped, followed until the container stops) and POST /attach (hijacked; the live output until the
 * current or next run ends, or the client types the detach keys; the client's bytes go to the container's stdin
 * when it was created with OpenStdin, else they are dropped).
 */
public final class ContainerStreams {
    private final ContainerEngine engine;

    public ContainerStreams(ContainerEngine engine) {
        this.engine = engine;
    }

    public void register(Router r) {
        r.get("/containers/{id}/logs", this::logs);
        r.post("/containers/{id}/attach", this::attach);
    }

    private ApiResponse logs(ApiRequest req) {
        ContainerRecord c = engine.get(req.param("id"));
        boolean stdout = req.flag("stdout", false);
        boolean stderr = req.flag("stderr", false);
        if (!stdout && !stderr) {
            throw RuntimeError.badRequest("Bad parameters: you must choose at least one stream");
        }
        String tail = req.query("tail", "all");
        Integer lines = null;
        if (!tail.equals("all") && !tail.isEmpty()) {
            try {
                lines = Integer.parseInt(tail);
            } catch (NumberFormatException e) {
                lines = null; // Docker treats a bad tail value as "all"
            }
        }
        LogReader.Options options = new LogReader.Options(stdout, stderr, req.flag("follow", false),
                time(req.query("since")), time(req.query("until")), lines);
        boolean multiplexed = !c.tty();
        boolean timestamps = req.flag("timestamps", false);
        return new ApiResponse.Streamed(200, Frames.RAW_STREAM, out ->
                engine.logs().logs(c.id(), options, Frames.sink(out, multiplexed, timestamps)));
    }

    /** Docker's time parameters: Unix seconds with an optional fraction ("1700000000.5"), 0 = unset. */
    static Instant time(String value) {
        if (value == null || value.isEmpty() || value.equals("0")) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(value);
            } catch (java.time.format.DateTimeParseException again) {
                throw RuntimeError.badRequest("invalid time value: " + value);
            }
        }
    }

    private ApiResponse attach(ApiRequest req) {
        ContainerRecord c = engine.get(req.param("id"));
        boolean stream = req.flag("stream", false);
        boolean logs = req.flag("logs", false);
        boolean stdout = req.flag("stdout", false);
        boolean stderr = req.flag("stderr", false);
        boolean stdin = req.flag("stdin", false) && stream && engine.stdio().hasStdin(c.id());
        DetachKeys keys = DetachKeys.parse(req.query("detachKeys", ""));
        boolean multiplexed = !c.tty();
        return new ApiResponse.Hijacked(Frames.RAW_STREAM, (fromClient, toClient) -> {
            Thread session = Thread.currentThread();
            Thread input = Thread.ofVirtual().start(() -> {
                if (stdin && new AttachInput(engine.stdio(), c.id(), keys).copy(fromClient)) {
                    session.interrupt(); // the client typed the detach keys: the output stream ends too
                } else if (!stdin) {
                    discard(fromClient);
                }
            });
            try {
                LogReader.Sink sink = Frames.sink(toClient, multiplexed, false);
                if (stream) {
                    engine.logs().attach(c.id(), logs, stdout, stderr, sink);
                } else if (logs) {
                    engine.logs().logs(c.id(), new LogReader.Options(stdout, stderr, false, null, null, null), sink);
                }
            } finally {
                input.interrupt();
            }
        });
    }

    private static void discard(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // the container's stdin is not open (created without -i): what a client types goes nowhere
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
