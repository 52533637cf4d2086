package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.EnvOverrides;
import dev.jcompose.app.ExecRequest;
import dev.jcompose.app.ExecService;
import dev.jcompose.engine.Stdio;
import dev.jcompose.error.ComposeException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose exec`: a command in a running container of a service; the exit code is the command's. A tty is
 * allocated when stdout is a terminal (-T disables it), stdin is attached, and the terminal goes raw while a tty
 * session runs.
 */
@Command(name = "exec", description = "Execute a command in a running container",
        customSynopsis = "jcompose exec [OPTIONS] SERVICE COMMAND [ARGS...]",
        modelTransformer = StopAtPositional.class)
final class ExecCommand extends ServiceCommand {
    @Option(names = {"-d", "--detach"}, description = "Detached mode: Run command in the background")
    boolean detach;
    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set environment variables")
    List<String> env = new ArrayList<>();
    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple replicas")
    int index;
    @Option(names = "--privileged", description = "Give extended privileges to the process")
    boolean privileged;
    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run the command as this user")
    String user;
    @Option(names = {"-T", "--no-tty"},
            description = "Disable pseudo-TTY allocation. By default 'jcompose exec' allocates a TTY.")
    boolean noTty;
    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Path to workdir directory for this command")
    String workdir;
    @Option(names = {"-i", "--interactive"}, hidden = true, arity = "0..1", fallbackValue = "true",
            defaultValue = "true", description = "Keep STDIN open even if not attached")
    boolean interactive;
    @Option(names = {"-t", "--tty"}, hidden = true, arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Allocate a pseudo-TTY")
    boolean ttyIgnored;
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service whose container runs the command")
    String service;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        // compose: -T defaults to "stdout is not a terminal"; -t is accepted and ignored.
        boolean tty = !noTty && stdoutIsTerminal();
        boolean stdinTerminal = stdinIsTerminal();
        if (interactive && tty && !stdinTerminal && !detach) {
            throw new ComposeException(ComposeException.Kind.CONFLICT, "the input device is not a TTY");
        }
        String project = projectName();
        List<String> resolved = env.isEmpty() ? List.of()
                : EnvOverrides.toEngine(EnvOverrides.resolve(env, lookupEnvironment()));
        ExecRequest req = new ExecRequest(service, command, resolved, user, workdir, index, detach, privileged, tty,
                interactive);
        Stdio stdio = new Stdio(stdin(), stdoutBytes(), stderrBytes(), tty ? Tty.size().orElse(null) : null);
        boolean raw = tty && interactive && stdinTerminal && !testing();
        try (EngineSelector.Selected engine = openEngine();
                AutoCloseable terminal = raw ? Tty.raw() : () -> { }) {
            return new ExecService(engine.engine(), project).exec(req, stdio);
        } catch (ComposeException e) {
            throw e;
        } catch (Exception e) {
            throw new ComposeException(ComposeException.Kind.INTERNAL, e.toString(), e);
        }
    }
}
