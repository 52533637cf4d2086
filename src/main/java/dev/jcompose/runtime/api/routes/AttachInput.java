package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.container.ConmonAttach;
import dev.jcompose.runtime.engine.ContainerStdio;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An attach client's stdin, copied to the container's: connected once the container has a stdin (attach comes
 * before start), watched for the detach keys. conmon's socket also carries the output, which is read and dropped
 * here (the attach output comes from the log) because conmon stops for a client that does not read.
 */
final class AttachInput {
    private final ContainerStdio stdio;
    private final String id;
    private final DetachKeys keys;

    AttachInput(ContainerStdio stdio, String id, DetachKeys keys) {
        this.stdio = stdio;
        this.id = id;
        this.keys = keys;
    }

    /** Copies until the client's stdin ends (true when it ended with the detach keys) or the thread is interrupted. */
    boolean copy(InputStream in) {
        byte[] buffer = new byte[8192];
        ConmonAttach attach = null;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                DetachKeys.Filtered f = keys.filter(buffer, n);
                if (f.forward().length > 0) {
                    attach = attach != null ? attach : connect();
                    if (attach == null) {
                        return false;
                    }
                    attach.send(f.forward(), 0, f.forward().length);
                }
                if (f.detach()) {
                    return true;
                }
            }
            attach = attach != null ? attach : connect();
            if (attach != null) {
                attach.endInput(); // conmon closes the container's stdin (StdinOnce) once it reads the end
            }
            return false;
        } catch (IOException e) {
            return false; // the client or the container went away
        } finally {
            if (attach != null) {
                attach.close();
            }
        }
    }

    private ConmonAttach connect() {
        Optional<ConmonAttach> a = stdio.awaitStdin(id);
        a.ifPresent(c -> Thread.ofPlatform().daemon().name("attach-drain").start(c::discardOutput));
        return a.orElse(null);
    }
}
