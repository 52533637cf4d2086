package dev.jcompose.app;

import dev.jcompose.error.ComposeException;
import dev.jcompose.runtime.daemon.DaemonConfig;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the embedded engine, starting it when it is not running: the same jar re-launched as
 * {@code jcompose engine run} in its own session (setsid), so it outlives the CLI and keeps its containers.
 */
public final class EmbeddedEngineLauncher {
    private static final long START_TIMEOUT_MS = 20_000;

    private EmbeddedEngineLauncher() {
    }

    public static Path socket(Map<String, String> env) {
        return config(env).socket();
    }

    public static URI ensureRunning(Map<String, String> env) {
        DaemonConfig config = config(env);
        if (!EngineProbe.ping(config.socket())) {
            start(config, env);
        }
        return URI.create("unix://" + config.socket());
    }

    /** The daemon's settings from the environment; a bad value (JCOMPOSE_ENGINE_USERLAND_PROXY=maybe) is a usage error. */
    private static DaemonConfig config(Map<String, String> env) {
        try {
            return DaemonConfig.fromEnv(env);
        } catch (IllegalArgumentException e) {
            throw ComposeException.usage(e.getMessage());
        }
    }

    /** Starts the daemon in the background and waits until it answers; returns its pid. */
    public static long start(DaemonConfig config, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-jar");
        cmd.add(selfJar());
        cmd.add("engine");
        cmd.add("run");
        try {
            Files.createDirectories(config.root());
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()))
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().put("JCOMPOSE_ENGINE_ROOT", config.root().toString());
            pb.environment().put("JCOMPOSE_ENGINE_RUN", config.runDir().toString());
            pb.environment().put("JCOMPOSE_ENGINE_SOCKET", config.socket().toString());
            Process p = pb.start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                if (EngineProbe.ping(config.socket())) {
                    return p.pid();
                }
                if (!p.isAlive() && !cmd.get(0).equals("/usr/bin/setsid")) {
                    break;
                }
                Thread.sleep(50);
            }
            throw new ComposeException(ComposeException.Kind.ENGINE, "the embedded engine did not start within "
                    + START_TIMEOUT_MS / 1000 + "s; see " + config.logFile());
        } catch (IOException e) {
            throw new ComposeException(ComposeException.Kind.ENGINE, "cannot start the embedded engine: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted while starting the engine");
        }
    }

    static String selfJar() {
        try {
            return Path.of(EmbeddedEngineLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
