package dev.jcompose.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.api.model.StreamType;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.Subscription;
import dev.jcompose.engine.wire.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/** The streaming calls, through docker-java's stream decoding: logs, events, exec, pull, push. */
final class DockerStreams {
    private final DockerConnection connection;

    DockerStreams(DockerConnection connection) {
        this.connection = connection;
    }

    Subscription logs(String container, LogOptions options, Consumer<LogFrame> sink) {
        LogContainerCmd cmd = connection.streams().logContainerCmd(container).withTimestamps(true)
                .withFollowStream(options.follow()).withStdOut(options.stdout()).withStdErr(options.stderr());
        if (options.since() != null) {
            cmd.withSince((int) options.since().getEpochSecond());
        }
        if (options.until() != null) {
            cmd.withUntil((int) options.until().getEpochSecond());
        }
        if (options.tail() != null) {
            cmd.withTail(options.tail());
        } else {
            cmd.withTailAll();
        }
        StreamSubscription<Frame> subscription = new StreamSubscription<>(frame -> {
            LogFrame.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogFrame.Stream.STDERR
                    : LogFrame.Stream.STDOUT;
            LogLines.parse(frame.getPayload(), stream).forEach(sink);
        }, connection.host());
        return start(() -> cmd.exec(subscription), subscription);
    }

    Subscription events(EventFilter filter, Consumer<EngineEvent> sink) {
        EventsCmd cmd = connection.streams().eventsCmd();
        if (!filter.labels().isEmpty()) {
            cmd.withLabelFilter(filter.labels().toArray(String[]::new));
        }
        if (!filter.types().isEmpty()) {
            cmd.withEventTypeFilter(filter.types().toArray(String[]::new));
        }
        if (filter.since() != null) {
            cmd.withSince(unixTime(filter.since()));
        }
        if (filter.until() != null) {
            cmd.withUntil(unixTime(filter.until()));
        }
        StreamSubscription<Event> subscription = new StreamSubscription<>(event -> {
            EngineEvent mapped = map(event);
            // The daemon filters too; checking again keeps the contract exact for engines that filter less.
            if (filter.matches(mapped)) {
                sink.accept(mapped);
            }
        }, connection.host());
        return start(() -> cmd.exec(subscription), subscription);
    }

    private static Subscription start(Runnable exec, StreamSubscription<?> subscription) {
        try {
            exec.run();
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription;
    }

    private static EngineEvent map(Event event) {
        String type = event.getType() == null ? "" : event.getType().getValue();
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        String actorId = event.getActor() != null ? event.getActor().getId() : event.getId();
        Instant time = event.getTimeNano() != null ? Instant.EPOCH.plusNanos(event.getTimeNano())
                : Instant.ofEpochSecond(event.getTime() == null ? 0 : event.getTime());
        return new EngineEvent(type.toLowerCase(Locale.ROOT), action, actorId,
                event.getActor() == null ? null : event.getActor().getAttributes(), time);
    }

    private static String unixTime(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }

    ExecResult exec(String container, ExecSpec spec) throws InterruptedException {
        String execId = createExec(connection, container, spec, false, true);

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        StreamSubscription<Frame> output = new StreamSubscription<>(frame -> {
            ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
            synchronized (target) {
                target.writeBytes(frame.getPayload());
            }
        }, connection.host());
        connection.streams().execStartCmd(execId).withDetach(false).withTty(spec.tty()).exec(output);
        output.awaitCompletion();
        return new ExecResult(exitCode(execId), text(stdout), text(stderr));
    }

    /** POST /containers/{id}/exec; returns the exec id. attachOutput false = a detached exec. */
    static String createExec(DockerConnection connection, String container, ExecSpec spec, boolean attachStdin,
            boolean attachOutput) {
        return createExec(connection, container, spec, attachStdin, attachOutput, null);
    }

    /** {@code size}: the client's terminal, sent as ConsoleSize (API 1.42+; older daemons ignore it). */
    static String createExec(DockerConnection connection, String container, ExecSpec spec, boolean attachStdin,
            boolean attachOutput, Stdio.TtySize size) {
        ObjectNode body = Json.object();
        body.put("AttachStdin", attachStdin).put("AttachStdout", attachOutput).put("AttachStderr", attachOutput)
                .put("Tty", spec.tty());
        if (spec.tty() && size != null && size.rows() > 0 && size.columns() > 0) {
            body.putArray("ConsoleSize").add(size.rows()).add(size.columns());
        }
        var cmd = body.putArray("Cmd");
        spec.cmd().forEach(cmd::add);
        Json.putStrings(body, "Env", spec.env());
        Json.put(body, "User", spec.user());
        Json.put(body, "WorkingDir", spec.workingDir());
        Json.putTrue(body, "Privileged", spec.privileged());
        return Json.text(connection.post("/containers/" + DockerConnection.segment(container) + "/exec", null, body),
                "Id");
    }

    /** The output stream can end a moment before the daemon records the exit code; poll briefly for it. */
    int exitCode(String execId) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            JsonNode inspect = connection.get("/exec/" + execId + "/json", null);
            if (!Json.bool(inspect, "Running") || attempt >= 200) {
                return (int) Json.number(inspect, "ExitCode");
            }
            Thread.sleep(Duration.ofMillis(10));
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    void pull(String reference, Consumer<String> progress) throws InterruptedException {
        String[] repoTag = ImageRefs.splitTag(reference);
        StreamSubscription<PullResponseItem> subscription = new StreamSubscription<>(
                item -> progressLine(item, progress), connection.host());
        var cmd = connection.streams().pullImageCmd(repoTag[0]);
        if (repoTag[1] != null) {
            cmd.withTag(repoTag[1]);
        }
        start(() -> cmd.exec(subscription), subscription).awaitCompletion();
    }

    /**
     * POST /images/{name}/push. dockerd refuses a push without an X-Registry-Auth header, so an empty
     * (anonymous) auth config is always sent. Errors arrive inside the 200 stream, as for pulls.
     */
    void push(String reference, Consumer<String> progress) throws InterruptedException {
        String[] repoTag = ImageRefs.splitTag(reference);
        StreamSubscription<PushResponseItem> subscription = new StreamSubscription<>(
                item -> progressLine(item, progress), connection.host());
        var cmd = connection.streams().pushImageCmd(repoTag[0]).withAuthConfig(new AuthConfig());
        if (repoTag[1] != null) {
            cmd.withTag(repoTag[1]);
        }
        start(() -> cmd.exec(subscription), subscription).awaitCompletion();
    }

    /** One line of a pull or push stream for the user; an error inside the 200 stream fails the call. */
    private static void progressLine(ResponseItem item, Consumer<String> progress) {
        if (item.getErrorDetail() != null || item.getError() != null) {
            String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            throw EngineErrors.failure(message);
        }
        progress.accept((item.getId() == null ? "" : item.getId() + ": ")
                + (item.getStatus() == null ? "" : item.getStatus())
                + (item.getProgress() == null ? "" : " " + item.getProgress()));
    }
}
