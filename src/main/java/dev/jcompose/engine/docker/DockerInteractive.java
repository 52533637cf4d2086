package dev.jcompose.engine.docker;

import static dev.jcompose.engine.docker.DockerConnection.query;
import static dev.jcompose.engine.docker.DockerConnection.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.Subscription;
import dev.jcompose.engine.wire.Json;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** attach and interactive exec over a hijacked connection; detached exec and tty resizes as plain calls. */
final class DockerInteractive {
    private final DockerConnection connection;
    private final DockerStreams streams;

    DockerInteractive(DockerConnection connection, DockerStreams streams) {
        this.connection = connection;
        this.streams = streams;
    }

    Subscription attach(String container, boolean tty, Stdio stdio) {
        String path = DockerConnection.PREFIX + "/containers/" + segment(container) + "/attach?stream=1&stdout=1"
                + "&stderr=1" + (stdio.stdin() != null ? "&stdin=1" : "");
        Hijack hijack = Hijack.open(connection.host(), connection.env(), "POST", path, null);
        return new Pump(hijack, tty, stdio).start("attach-" + container);
    }

    void resizeTty(String container, int rows, int columns) {
        connection.post("/containers/" + segment(container) + "/resize",
                query("h", Integer.toString(rows), "w", Integer.toString(columns)), null);
    }

    int execInteractive(String container, ExecSpec spec, Stdio stdio) throws InterruptedException {
        String execId = DockerStreams.createExec(connection, container, spec, stdio.stdin() != null, true,
                stdio.size());
        ObjectNode body = Json.object().put("Detach", false).put("Tty", spec.tty());
        Hijack hijack = Hijack.open(connection.host(), connection.env(), "POST",
                DockerConnection.PREFIX + "/exec/" + execId + "/start", Json.bytes(body));
        Pump pump = new Pump(hijack, spec.tty(), stdio).start("exec-" + container);
        try {
            if (spec.tty() && stdio.size() != null) {
                resizeExec(execId, stdio.size());
            }
            pump.awaitCompletion();
        } finally {
            pump.close();
        }
        return streams.exitCode(execId);
    }

    /** A resize racing the exec's end is harmless; the command's exit code is what matters. */
    private void resizeExec(String execId, Stdio.TtySize size) {
        try {
            connection.post("/exec/" + execId + "/resize", query("h", Integer.toString(size.rows()), "w",
                    Integer.toString(size.columns())), null);
        } catch (ComposeException ignored) {
            // the exec may already be gone
        }
    }

    void execDetached(String container, ExecSpec spec) {
        String execId = DockerStreams.createExec(connection, container, spec, false, false);
        connection.post("/exec/" + execId + "/start", null, Json.object().put("Detach", true).put("Tty", spec.tty()));
    }

    /**
     * Copies the hijacked output to the local streams (demultiplexing Docker's 8-byte frame headers when there
     * is no tty) and stdin to the connection, half-closing it at stdin's end.
     */
    static final class Pump implements Subscription {
        private final Hijack hijack;
        private final boolean tty;
        private final Stdio stdio;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile boolean closed;
        private volatile RuntimeException failure;

        Pump(Hijack hijack, boolean tty, Stdio stdio) {
            this.hijack = hijack;
            this.tty = tty;
            this.stdio = stdio;
        }

        Pump start(String name) {
            if (stdio.stdin() != null) {
                // A platform daemon thread: a read of System.in cannot be interrupted, and must not keep the
                // JVM alive once the container is done.
                Thread in = new Thread(this::copyStdin, name + "-stdin");
                in.setDaemon(true);
                in.start();
            }
            Thread.ofVirtual().name(name + "-output").start(this::copyOutput);
            return this;
        }

        private void copyStdin() {
            byte[] buffer = new byte[8192];
            OutputStream out = hijack.output();
            try {
                int n;
                while (!closed && (n = stdio.stdin().read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // the container went away or our stdin failed: either way stdin is over
            }
            hijack.closeWrite();
        }

        private void copyOutput() {
            try {
                InputStream in = hijack.input();
                if (tty) {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        stdio.stdout().write(buffer, 0, n);
                        stdio.stdout().flush();
                    }
                } else {
                    demultiplex(in, stdio.stdout(), stdio.stderr());
                }
            } catch (IOException e) {
                if (!closed) {
                    failure = EngineErrors.failure("stream failed: " + e.getMessage(), e);
                }
            } finally {
                done.countDown();
            }
        }

        /** Frames: [stream (0 stdin, 1 stdout, 2 stderr), 0, 0, 0, size (uint32 big endian)] then size bytes. */
        static void demultiplex(InputStream in, OutputStream stdout, OutputStream stderr) throws IOException {
            byte[] header = new byte[8];
            while (in.readNBytes(header, 0, 8) == 8) {
                int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                        | (header[7] & 0xff);
                OutputStream target = header[0] == 2 ? stderr : stdout;
                byte[] payload = in.readNBytes(size);
                target.write(payload);
                target.flush();
                if (payload.length < size) {
                    return;
                }
            }
        }

        @Override
        public boolean awaitCompletion(Duration timeout) throws InterruptedException {
            boolean finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            RuntimeException e = failure;
            if (e != null) {
                throw e;
            }
            return finished;
        }

        @Override
        public void close() {
            closed = true;
            hijack.close();
        }
    }
}
