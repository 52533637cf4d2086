package dev.jcompose.e2e;

import dev.jcompose.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real `jcompose` command line: in-process through {@link Main#run} (what a user gets, minus JVM
 * start-up), or as a separate JVM when a test needs two commands racing as two processes.
 */
final class Cli {
    private Cli() {
    }

    /** Exit code and captured output of one command. */
    record Result(int code, String out, String err) {
        /** Everything the command printed, for assertion messages. */
        String transcript() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }

        /** Progress lines (plain mode: " Container NAME  TEXT ...") naming {@code text}, e.g. "Started". */
        List<String> progress(String text) {
            List<String> lines = new ArrayList<>();
            for (String line : err.split("\n")) {
                String t = line.strip();
                if ((t.startsWith("Container ") || t.startsWith("Network ") || t.startsWith("Volume "))
                        && List.of(t.split("\\s+")).contains(text)) {
                    lines.add(t);
                }
            }
            return lines;
        }
    }

    /**
     * In-process: System.out/err are swapped for the duration, so in-process runs are serialised (surefire runs
     * test methods one at a time anyway).
     */
    static synchronized Result run(java.util.Map<String, String> env, List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Main.run(env, args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Starts `jcompose ARGS` as its own JVM on the test class path, in {@code env}; output goes to files in
     * {@code dir}.
     */
    static Process start(Path dir, String tag, java.util.Map<String, String> env, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(tag + ".out").toFile())
                .redirectError(dir.resolve(tag + ".err").toFile())
                .start();
    }

    /** Waits for a process from {@link #start} and reads what it wrote. */
    static Result finish(Process p, Path dir, String tag, long timeoutSeconds) throws Exception {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(tag + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve(tag + ".out")),
                Files.readString(dir.resolve(tag + ".err")));
    }
}
