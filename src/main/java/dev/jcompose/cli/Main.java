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
        CommandLine cli = newCommandLine();
        return cli.execute(args);
    }

    static CommandLine newCommandLine() {
        JComposeCommand root = new JComposeCommand();
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler(new ErrorHandler(root));
        cli.setParameterExceptionHandler(new ErrorHandler(root)::handleParseException);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
