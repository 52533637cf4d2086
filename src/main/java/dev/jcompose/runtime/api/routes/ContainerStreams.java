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
 * current or next run ends; stdin is read and dropped, as containers get /dev/null).
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
        boolean multiplexed = !c.tty();
        return new ApiResponse.Hijacked(Frames.RAW_STREAM, (fromClient, toClient) -> {
            Thread stdin = Thread.ofVirtual().start(() -> discard(fromClient));
            try {
                LogReader.Sink sink = Frames.sink(toClient, multiplexed, false);
                if (stream) {
                    engine.logs().attach(c.id(), logs, stdout, stderr, sink);
                } else if (logs) {
                    engine.logs().logs(c.id(), new LogReader.Options(stdout, stderr, false, null, null, null), sink);
                }
            } finally {
                stdin.interrupt();
            }
        });
    }

    private static void discard(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // containers run with stdin from /dev/null: what a client types goes nowhere
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
