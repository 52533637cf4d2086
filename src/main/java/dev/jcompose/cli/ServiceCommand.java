package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.engine.Engine;
import dev.jcompose.model.Project;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;

/**
 * Base of the commands that talk to a service's containers with the process's own stdio (run, exec, cp, wait,
 * events...): raw byte streams, terminal detection, and compose's project-name rules. Tests swap the engine and
 * the stdio for the commands run on their thread ({@link #TEST}); nothing else ever sets it.
 */
abstract class ServiceCommand extends ProjectCommand {
    /** An engine and stdio standing in for the real ones, with what "is a terminal" should answer. */
    record TestHooks(Engine engine, InputStream stdin, OutputStream stdout, OutputStream stderr,
            boolean stdinTerminal, boolean stdoutTerminal) {
    }

    static final ThreadLocal<TestHooks> TEST = new ThreadLocal<>();

    @Mixin
    HelpOption help = new HelpOption();

    /** Read once, when picocli builds the command, so that stream threads see the same hooks. */
    private final TestHooks test = TEST.get();
    private PrintStream out;
    /** Asked once each: every answer costs a `test -t` process. */
    private Boolean stdinTerminal;
    private Boolean stdoutTerminal;
    private PrintStream err;

    @Override
    EngineSelector.Selected openEngine() {
        if (test != null) {
            return new EngineSelector.Selected(test.engine(), "test", URI.create("test:/"), false);
        }
        return super.openEngine();
    }

    /** stdin as bytes. */
    InputStream stdin() {
        return test != null ? test.stdin() : System.in;
    }

    /** stdout as bytes: container output and tar streams go through it untouched (PrintStream.write is raw). */
    OutputStream stdoutBytes() {
        return test != null ? test.stdout() : System.out;
    }

    OutputStream stderrBytes() {
        return test != null ? test.stderr() : System.err;
    }

    @Override
    PrintStream out() {
        if (test == null) {
            return super.out();
        }
        if (out == null) {
            out = new PrintStream(test.stdout(), true, StandardCharsets.UTF_8);
        }
        return out;
    }

    @Override
    PrintStream err() {
        if (test == null) {
            return super.err();
        }
        if (err == null) {
            err = new PrintStream(test.stderr(), true, StandardCharsets.UTF_8);
        }
        return err;
    }

    /** Whether tests stand in for the process's stdio (no raw mode, no signal handlers then). */
    boolean testing() {
        return test != null;
    }

    boolean stdinIsTerminal() {
        if (stdinTerminal == null) {
            stdinTerminal = test != null ? test.stdinTerminal() : Tty.isTerminal(0);
        }
        return stdinTerminal;
    }

    boolean stdoutIsTerminal() {
        if (stdoutTerminal == null) {
            stdoutTerminal = test != null ? test.stdoutTerminal() : Tty.isTerminal(1);
        }
        return stdoutTerminal;
    }

    /** compose's toProjectName: -p, else COMPOSE_PROJECT_NAME, else the name of the loaded project. */
    String projectName() {
        GlobalOptions g = global();
        if (g.projectName != null && !g.projectName.isEmpty()) {
            return g.projectName.toLowerCase(Locale.ROOT);
        }
        String fromEnv = g.env.get("COMPOSE_PROJECT_NAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toLowerCase(Locale.ROOT);
        }
        return loadProject(List.of()).name();
    }

    /**
     * The environment `-e KEY` is resolved from: the project's (shell + .env) when compose files can be loaded,
     * else the shell's.
     */
    Map<String, String> lookupEnvironment() {
        try {
            Project p = loadProject(List.of());
            return p.environment();
        } catch (RuntimeException noProject) {
            return global().env;
        }
    }
}
