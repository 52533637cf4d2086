package dev.jcompose.cli;

import picocli.CommandLine;

/** Entry point: builds the command tree, runs it, exits with the mapped code. The only place that exits. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /**
     * Runs the CLI with {@code env} as its environment instead of the process's (tests run it in-process against
     * an engine chosen by JCOMPOSE_ENGINE* variables the JVM cannot set on itself).
     */
    public static int run(java.util.Map<String, String> env, String... args) {
        CommandLine cli = newCommandLine(args);
        ((JComposeCommand) cli.getCommand()).global().env = env;
        try {
            return cli.execute(args);
        } catch (Error e) {
            // picocli hands Errors (a broken install, out of memory) back to us: still one short line.
            boolean trace = java.util.Arrays.asList(args).contains("--stacktrace");
            System.err.println("internal error: " + e + (trace ? "" : " (run with --stacktrace for details)"));
            if (trace) {
                e.printStackTrace();
            }
            return ExitCodes.FAILURE;
        }
    }

    /** The whole command tree. */
    static CommandLine newCommandLine() {
        return newCommandLine(null);
    }

    /** The tree {@code args} needs: see {@link Subcommands} (null: every subcommand). */
    static CommandLine newCommandLine(String[] args) {
        JComposeCommand root = new JComposeCommand();
        CommandLine cli = new CommandLine(root);
        Subcommands.addFor(cli, args);
        cli.setExecutionExceptionHandler(new ErrorHandler(root));
        cli.setParameterExceptionHandler(new ErrorHandler(root)::handleParseException);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
