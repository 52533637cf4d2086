package dev.jcompose.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the JDK 25 AOT cache (install.sh): runs several commands in one JVM so the cache holds the
 * classes, linked call sites and profiles of what users run most (config, plan, ps, up), not just one command.
 * Arguments are command lines separated by "--next"; output is discarded and failures are ignored (an
 * unreachable engine still loads most of the path).
 *
 * <p>A command line starting with {@code --fake} runs against one in-memory FakeEngine shared by those lines, so
 * `up -d` twice and `down` walk the whole convergence path (executor, no-op run, removal) without touching the
 * machine's engine; {@code --fake-image REF} first gives that engine an image.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        try {
            List<String> current = new ArrayList<>();
            for (String a : args) {
                if (a.equals("--next")) {
                    runQuietly(current);
                    current = new ArrayList<>();
                } else {
                    current.add(a);
                }
            }
            runQuietly(current);
            // What System.exit does on every command: without this its logger lookup loads ~30 JDK classes
            // outside the cache at every exit.
            System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The engine of the --fake lines (package-visible for its test). */
    static final dev.jcompose.engine.fake.FakeEngine FAKE = new dev.jcompose.engine.fake.FakeEngine();

    private static void runQuietly(List<String> command) {
        if (command.isEmpty()) {
            return;
        }
        boolean fake = command.get(0).equals("--fake");
        if (fake) {
            command = command.subList(1, command.size());
            if (command.size() >= 2 && command.get(0).equals("--fake-image")) {
                FAKE.addImage(command.get(1), dev.jcompose.engine.ImageConfig.EMPTY);
                command = command.subList(2, command.size());
            }
            ProjectCommand.TEST_ENGINE.set(FAKE);
        }
        try {
            Main.run(command.toArray(String[]::new));
        } catch (RuntimeException e) {
            // training only: a failing command still exercised the classes up to the failure
        } finally {
            ProjectCommand.TEST_ENGINE.remove();
        }
    }
}
