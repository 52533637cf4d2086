package dev.jcompose.cli;

import dev.jcompose.app.EmbeddedEngineLauncher;
import dev.jcompose.app.EngineProbe;
import dev.jcompose.error.ComposeException;
import dev.jcompose.runtime.daemon.DaemonConfig;
import dev.jcompose.runtime.daemon.EngineDaemon;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.daemon.ShutdownCleanup;
import dev.jcompose.runtime.daemon.StandardDaemon;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** `jcompose engine start|stop|status|run`: the embedded engine daemon. */
@Command(name = "engine", description = "Manage the embedded container engine",
        subcommands = {EngineCommand.Start.class, EngineCommand.Stop.class, EngineCommand.Status.class,
                EngineCommand.Run.class})
final class EngineCommand implements Callable<Integer> {
    /** How long `stop` waits for the daemon to exit after SIGTERM (its shutdown closes the parts). */
    static final int STOP_TIMEOUT_SECONDS = 20;

    @ParentCommand
    JComposeCommand root;

    @Override
    public Integer call() {
        throw ComposeException.usage("missing subcommand: start, stop, status or run");
    }

    DaemonConfig config() {
        return config(root.global().env);
    }

    static DaemonConfig config(java.util.Map<String, String> env) {
        try {
            return DaemonConfig.fromEnv(env);
        } catch (IllegalArgumentException e) {
            throw ComposeException.usage(e.getMessage());
        }
    }

    /** The environment of the daemon with {@code --userland-proxy}, when given, overriding the variable. */
    java.util.Map<String, String> daemonEnv(String userlandProxy) {
        java.util.Map<String, String> env = new java.util.HashMap<>(root.global().env);
        if (userlandProxy != null) {
            try {
                env.put(DaemonConfig.USERLAND_PROXY_ENV, Boolean.toString(
                        DaemonConfig.parseBoolean("--userland-proxy", userlandProxy, true)));
            } catch (IllegalArgumentException e) {
                throw ComposeException.usage(e.getMessage());
            }
        }
        return env;
    }

    static final String USERLAND_PROXY_HELP = "Serve published ports with a userland proxy (default true, env "
            + DaemonConfig.USERLAND_PROXY_ENV + "); false: DNAT rules in the engine's own iptables chains, as "
            + "dockerd --userland-proxy=false";

    @Command(name = "start", description = {"Start the engine in the background (no-op when running)",
            "Published ports are served by a userland proxy in the engine (no sysctl or rule needed, 127.0.0.1",
            "works) unless --userland-proxy=false: then by DNAT rules in the engine's own iptables chains (jcompose",
            "keeps each host port bound, so conflicts still fail before a container starts; 127.0.0.1 bindings set",
            "route_localnet=1 on the bridges). With DNAT a container sees a remote client's own address; with the",
            "proxy it sees the bridge gateway's. Rules go with their container and with `engine stop --cleanup`."})
    static final class Start implements Callable<Integer> {
        @ParentCommand
        EngineCommand parent;

        @picocli.CommandLine.Mixin
        HelpOption help = new HelpOption();

        @Option(names = "--userland-proxy", paramLabel = "BOOL", description = USERLAND_PROXY_HELP)
        String userlandProxy;

        @Override
        public Integer call() {
            java.util.Map<String, String> env = parent.daemonEnv(userlandProxy);
            DaemonConfig c = config(env);
            if (EngineProbe.ping(c.socket())) {
                System.out.println("engine already running on " + c.socket()
                        + (userlandProxy == null ? "" : " (--userland-proxy applies at its next start)"));
                return ExitCodes.OK;
            }
            EmbeddedEngineLauncher.start(c, env);
            System.out.println("engine started on " + c.socket()
                    + (c.userlandProxy() ? "" : " (published ports by DNAT, no userland proxy)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", description = {
            "Stop the engine. Containers keep running under their monitors (like dockerd with live-restore) and the",
            "next start re-adopts them.",
            "With --cleanup, running containers are stopped as well (stop signal, their stop timeout, then SIGKILL;",
            "like dockerd without live-restore; exit codes are kept and restart policies apply at the next start),",
            "then every host object of the engine is removed: runc states, overlay mounts, cgroup dirs, veths,",
            "network namespaces, bridges, its own iptables chains and comment-tagged jumps (never dockerd's), and",
            "crash leftovers in the state dir (ingest files, half-written records, unused layers and blobs). Each",
            "removed object is printed. Images, volumes, container and network definitions stay. Also works when",
            "the engine crashed (no daemon running); needs root."})
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        EngineCommand parent;

        @Option(names = "--cleanup", description = "Also stop containers and remove every host object of the engine")
        boolean cleanup;

        @Override
        public Integer call() throws Exception {
            DaemonConfig c = parent.config();
            stopDaemon(c);
            if (cleanup) {
                cleanup(c);
            }
            return ExitCodes.OK;
        }

        private static void stopDaemon(DaemonConfig c) throws Exception {
            if (!Files.exists(c.pidFile())) {
                System.out.println("engine not running");
                return;
            }
            long pid = Long.parseLong(Files.readString(c.pidFile()).trim());
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) {
                Files.deleteIfExists(c.pidFile());
                System.out.println("engine not running (stale pid file removed)");
                return;
            }
            handle.get().destroy();
            try {
                handle.get().onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new ComposeException(ComposeException.Kind.ENGINE, "the engine (pid " + pid
                        + ") did not stop within " + STOP_TIMEOUT_SECONDS + " s; see " + c.logFile());
            }
            System.out.println("engine stopped");
        }

        private static void cleanup(DaemonConfig c) {
            ShutdownCleanup.Report report;
            try {
                report = ShutdownCleanup.run(c);
            } catch (RuntimeError e) {
                throw new ComposeException(ComposeException.Kind.ENGINE, "cleanup failed: " + e.getMessage(), e);
            }
            report.stopped().forEach(line -> System.out.println("stopped " + line));
            report.removed().forEach(line -> System.out.println("removed " + line));
            System.out.println("cleanup done: " + report.stopped().size() + " container(s) stopped, "
                    + report.removed().size() + " object(s) removed");
        }
    }

    @Command(name = "status", description = "Show whether the engine runs, where, and its state directory")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        EngineCommand parent;

        @Override
        public Integer call() throws Exception {
            DaemonConfig c = parent.config();
            boolean up = EngineProbe.ping(c.socket());
            System.out.println("engine:  " + (up ? "running" : "stopped"));
            System.out.println("socket:  " + c.socket());
            System.out.println("root:    " + c.root());
            if (up && Files.exists(c.pidFile())) {
                System.out.println("pid:     " + Files.readString(c.pidFile()).trim());
            }
            return up ? ExitCodes.OK : 3;
        }
    }

    @Command(name = "run", description = "Run the engine in the foreground (what `start` launches)")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        EngineCommand parent;

        @picocli.CommandLine.Mixin
        HelpOption help = new HelpOption();

        @Option(names = "--userland-proxy", paramLabel = "BOOL", description = USERLAND_PROXY_HELP)
        String userlandProxy;

        @Override
        public Integer call() throws Exception {
            EngineDaemon daemon = StandardDaemon.create(config(parent.daemonEnv(userlandProxy))).start();
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close));
            System.out.println("jcompose engine " + EngineDaemon.VERSION + " listening on " + parent.config().socket());
            System.out.flush();
            daemon.awaitClose();
            return ExitCodes.OK;
        }
    }
}
