package dev.jcompose.cli;

import dev.jcompose.app.AttachedRun;
import dev.jcompose.app.ContainerLifecycle;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.LogSink;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.error.ComposeException;
import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Project;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * `up` without -d, once converged: "Attaching to web-1, db-1", the containers' output until they have all
 * exited, and Ctrl-C handling like compose — the first stops the project's containers ("Gracefully
 * Stopping..."), a second kills them; either way the exit code is 130.
 *
 * <p>Why sun.misc.Signal and not a shutdown hook: a hook runs only once the JVM is already exiting, so it
 * could neither keep printing the containers' output while they stop, nor notice a second Ctrl-C (the JVM
 * ignores signals during shutdown), nor choose the exit code. A signal handler lets the run go on and end
 * normally. It is installed only for the attached phase and the previous handlers are put back afterwards.
 */
final class AttachedUp {
    /** What the user asked for on the command line (compose's upOptions). */
    record Request(List<String> services, List<String> attachTo, AttachedRun.Cascade cascade, String exitCodeFrom,
            java.time.Duration stopTimeout, java.time.Instant since, boolean color, boolean prefix,
            boolean timestamps) {
    }

    private AttachedUp() {
    }

    /**
     * The services whose output is shown: --attach as given (each must be in the project), else the services
     * started (with their dependencies for --attach-dependencies) that do not say attach: false; minus
     * --no-attach.
     */
    static List<String> attachSet(Project project, List<String> services, List<String> attach,
            List<String> noAttach, boolean dependencies) {
        TreeSet<String> set = new TreeSet<>();
        if (!attach.isEmpty()) {
            TreeSet<String> unexpected = new TreeSet<>(attach);
            unexpected.removeAll(project.services().keySet());
            if (!unexpected.isEmpty()) {
                throw ComposeException.usage("cannot attach to services not included in up: "
                        + String.join(", ", unexpected));
            }
            set.addAll(attach);
        } else {
            Collection<String> started = services.isEmpty() ? project.serviceNames()
                    : dependencies ? ProjectGraph.of(project).withDependencies(services) : services;
            for (String s : started) {
                if (!Boolean.FALSE.equals(project.service(s).definition().get("attach"))) {
                    set.add(s);
                }
            }
        }
        set.removeAll(noAttach);
        return List.copyOf(set);
    }

    /** Runs the attached phase; returns the exit code (130 after Ctrl-C). */
    static int run(EngineSelector.Selected engine, Project project, Request request, PrintStream out,
            PrintStream err, boolean ansi, ProgressRenderer stopProgress, int parallel)
            throws InterruptedException {
        LogPrinter printer = new LogPrinter(out, err, request.color(), request.prefix(),
                request.timestamps() ? LogPrinter.Stamp.PRINTED : LogPrinter.Stamp.NONE, true,
                java.time.Clock.systemDefaultZone());
        LogSink sink = new LogSink() {
            @Override
            public void attach(List<String> sources) {
                out.println("Attaching to " + String.join(", ", sources));
                printer.attach(sources);
            }

            @Override
            public void log(String source, LogFrame frame) {
                printer.log(source, frame);
            }

            @Override
            public void status(String source, String message) {
                printer.status(source, message);
            }
        };
        ContainerLifecycle lifecycle = new ContainerLifecycle(engine, project.name(), project, stopProgress,
                parallel);
        AttachedRun.Options options = new AttachedRun.Options(request.attachTo(),
                request.services().isEmpty() ? request.attachTo() : request.services(), request.services(),
                request.cascade(), request.exitCodeFrom(), request.stopTimeout(), request.since());
        AttachedRun run = new AttachedRun(engine, project.name(), lifecycle, sink,
                () -> err.println(Ansi.error(ansi, "Aborting on container exit...")), options);
        AtomicInteger interrupts = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (interrupts.incrementAndGet() == 1) {
                out.println("Gracefully Stopping... press Ctrl+C again to force");
                run.stopGracefully();
            } else {
                run.kill();
            }
        };
        List<Restore> restores = new ArrayList<>();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                restores.add(new Restore(signal, Signal.handle(signal, handler)));
            } catch (IllegalArgumentException e) {
                // the signal is reserved (java -Xrs): the JVM's default handling stays
            }
        }
        try {
            int code = run.run();
            return interrupts.get() > 0 ? ExitCodes.INTERRUPTED : code;
        } finally {
            restores.forEach(r -> Signal.handle(r.signal(), r.previous()));
        }
    }

    private record Restore(Signal signal, SignalHandler previous) {
    }
}
