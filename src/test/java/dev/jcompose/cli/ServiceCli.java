package dev.jcompose.cli;

import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the CLI as Main does against a FakeEngine (busybox:latest present), in a project directory holding
 * compose.yaml, with stdin given and stdout/stderr captured as bytes; terminal answers are configurable.
 */
final class ServiceCli {
    static final Map<String, String> ENV = Map.of("JCOMPOSE_LOCK_WAIT", "5");

    final FakeEngine fake = new FakeEngine();
    final Path dir;
    boolean stdinTerminal;
    boolean stdoutTerminal;
    String stdin = "";

    /** Exit code and output of one run; out/err join what picocli and the commands' byte streams wrote. */
    record Result(int code, String out, String err) {
    }

    ServiceCli(Path dir, String yaml) {
        this.dir = dir;
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        try {
            Files.writeString(dir.resolve("compose.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        // Set before the command tree is built: commands read the hooks when picocli creates them.
        ServiceCommand.TEST.set(new ServiceCommand.TestHooks(fake,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout, stderr, stdinTerminal,
                stdoutTerminal));
        CommandLine cli = Main.newCommandLine();
        JComposeCommand root = cli.getCommand();
        root.global.cwd = dir;
        root.global.env = ENV;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "-p";
            all[1] = "demo";
            System.arraycopy(args, 0, all, 2, args.length);
            int code = cli.execute(all);
            return new Result(code, out + stdout.toString(StandardCharsets.UTF_8),
                    err + stderr.toString(StandardCharsets.UTF_8));
        } finally {
            ServiceCommand.TEST.remove();
        }
    }
}
