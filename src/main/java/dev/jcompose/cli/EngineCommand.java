package dev.jcompose.cli;

import dev.jcompose.app.EmbeddedEngineLauncher;
import dev.jcompose.app.EngineProbe;
import dev.jcompose.error.ComposeException;
import dev.jcompose.runtime.daemon.DaemonConfig;
import dev.jcompose.runtime.daemon.EngineDaemon;
import dev.jcompose.runtime.daemon.StandardDaemon;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** `jcompose engine start|stop|status|run`: the embedded engine daemon. */
@Command(name = "engine", description = "Manage the embedded container engine",
        subcommands = {EngineCommand.Start.class, EngineCommand.Stop.class, EngineCommand.Status.class,
                EngineCommand.Run.class})
final class EngineCommand implements Callable<Integer> {
    @ParentCommand
    JComposeCommand root;

    @Override
    public Integer call() {
        throw ComposeException.usage("missing subcommand: start, stop, status or run");
    }

    DaemonConfig config() {
        return DaemonConfig.fromEnv(root.global().env);
    }

    @Command(name = "start", description = "Start the engine in the background (no-op when running)")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        EngineCommand parent;

        @Override
        public Integer call() {
            DaemonConfig c = parent.config();
            if (EngineProbe.ping(c.socket())) {
                System.out.println("engine already running on " + c.socket());
                return ExitCodes.OK;
            }
            EmbeddedEngineLauncher.start(c, parent.root.global().env);
            System.out.println("engine started on " + c.socket());
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", description = "Stop the engine (containers keep running)")
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        EngineCommand parent;

        @Override
        public Integer call() throws Exception {
            DaemonConfig c = parent.config();
            if (!Files.exists(c.pidFile())) {
                System.out.println("engine not running");
                return ExitCodes.OK;
            }
            long pid = Long.parseLong(Files.readString(c.pidFile()).trim());
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) {
                Files.deleteIfExists(c.pidFile());
                System.out.println("engine not running (stale pid file removed)");
                return ExitCodes.OK;
            }
            handle.get().destroy();
            handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            System.out.println("engine stopped");
            return ExitCodes.OK;
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

        @Override
        public Integer call() throws Exception {
            EngineDaemon daemon = StandardDaemon.create(parent.config()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close));
            System.out.println("jcompose engine " + EngineDaemon.VERSION + " listening on " + parent.config().socket());
            System.out.flush();
            daemon.awaitClose();
            return ExitCodes.OK;
        }
    }
}
