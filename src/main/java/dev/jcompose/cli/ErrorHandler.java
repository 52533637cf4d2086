package dev.jcompose.cli;

import dev.jcompose.engine.BuildFailedException;
import dev.jcompose.error.ComposeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns any failure into one short message on stderr and an exit code; traces only with --stacktrace. */
final class ErrorHandler implements IExecutionExceptionHandler {
    private final JComposeCommand root;

    ErrorHandler(JComposeCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        ComposeException ce = unwrap(ex);
        if (ce != null) {
            err.println(Ansi.error(root.global.ansiEnabled(), ce.getMessage()));
            if (root.global.stacktrace) {
                ex.printStackTrace(err);
            }
            err.flush();
            // docker compose exits with a failed build's own status (a RUN step's exit code)
            return ce instanceof BuildFailedException build ? build.exitCode() : ExitCodes.of(ce.kind());
        }
        err.println(Ansi.error(root.global.ansiEnabled(), "internal error: " + ex
                + (root.global.stacktrace ? "" : " (run with --stacktrace for details and report it)")));
        if (root.global.stacktrace) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(Ansi.error(root.global.ansiEnabled(), ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static ComposeException unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ComposeException ce) {
                return ce;
            }
        }
        return null;
    }
}
