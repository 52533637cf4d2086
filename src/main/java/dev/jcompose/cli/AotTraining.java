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
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void runQuietly(List<String> command) {
        if (command.isEmpty()) {
            return;
        }
        try {
            Main.run(command.toArray(String[]::new));
        } catch (RuntimeException e) {
            // training only: a failing command still exercised the classes up to the failure
        }
    }
}
