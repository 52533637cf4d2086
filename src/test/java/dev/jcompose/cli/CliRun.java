package dev.jcompose.cli;

import dev.jcompose.testing.Stubs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI as Main does, in a given directory with a given environment, capturing its output. */
record CliRun(int code, String out, String err) {
    static CliRun run(Path cwd, Map<String, String> env, String... args) {
        CommandLine cli = Main.newCommandLine();
        JComposeCommand root = cli.getCommand();
        root.global.cwd = cwd;
        root.global.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        Stubs.skipIfStub(err.toString());
        return new CliRun(code, out.toString(), err.toString());
    }
}
