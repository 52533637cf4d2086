package dev.jcompose.runtime.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs host tools as processes. Pipes are safe here (unlike for runc) because {@code ip} and {@code iptables}
 * leave no child holding the write end; both streams are drained concurrently so a chatty tool cannot block.
 * A tool that hangs (a stuck xtables lock) is killed after the timeout rather than freezing the daemon.
 */
public final class ProcessHostCommands implements HostCommands {
    private final long timeoutSeconds;

    public ProcessHostCommands(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public ProcessHostCommands() {
        this(60);
    }

    @Override
    public Result run(List<String> argv, String stdin) {
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The tool exited before reading its input; its exit code and stderr tell why.
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Result(124, out.get(), "timed out after " + timeoutSeconds + "s: " + String.join(" ", argv));
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted: " + String.join(" ", argv));
        } catch (ExecutionException e) {
            return new Result(p.exitValue(), "", String.valueOf(e.getCause()));
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                f.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        });
        return f;
    }
}
