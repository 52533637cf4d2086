package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.EnvOverrides;
import dev.jcompose.app.RunRequest;
import dev.jcompose.app.RunService;
import dev.jcompose.app.build.BuildPolicy;
import dev.jcompose.engine.Stdio;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.env.DotEnv;
import dev.jcompose.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose run`: a one-off container of a service, its dependencies started first. Attached by default: the
 * container's output streams here, stdin goes to it (-i, the default), and the exit code is the container's.
 */
@Command(name = "run", description = "Run a one-off command on a service",
        customSynopsis = "jcompose run [OPTIONS] SERVICE [COMMAND] [ARGS...]",
        modelTransformer = StopAtPositional.class)
final class RunCommand extends ServiceCommand {
    static final Set<String> PULL_POLICIES = Set.of("always", "never", "build", "missing", "if_not_present");

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;
    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set environment variables")
    List<String> env = new ArrayList<>();
    @Option(names = "--env-from-file", paramLabel = "FILE", description = "Set environment variables from file")
    List<Path> envFiles = new ArrayList<>();
    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Add or override a label")
    List<String> labels = new ArrayList<>();
    @Option(names = "--rm", description = "Automatically remove the container when it exits")
    boolean remove;
    @Option(names = {"-T", "--no-tty"}, description = "Disable pseudo-TTY allocation (default: auto-detected)")
    boolean noTty;
    @Option(names = {"-t", "--tty"}, hidden = true, arity = "0..1", fallbackValue = "true",
            description = "Allocate a pseudo-TTY")
    boolean tty = true;
    @Option(names = {"-i", "--interactive"}, arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Keep STDIN open even if not attached (default: true)")
    boolean interactive;
    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;
    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run as specified username or uid")
    String user;
    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;
    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the entrypoint of the image")
    String entrypoint;
    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();
    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();
    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;
    @Option(names = {"-v", "--volume"}, paramLabel = "VOLUME", description = "Bind mount a volume")
    List<String> volumes = new ArrayList<>();
    @Option(names = {"-p", "--publish"}, paramLabel = "PORT", description = "Publish a container's port(s) to the host")
    List<String> publish = new ArrayList<>();
    @Option(names = "--use-aliases",
            description = "Use the service's network useAliases in the network(s) the container connects to")
    boolean useAliases;
    @Option(names = {"-P", "--service-ports"},
            description = "Run command with all service's ports enabled and mapped to the host")
    boolean servicePorts;
    @Option(names = "--pull", paramLabel = "POLICY", defaultValue = "policy",
            description = "Pull image before running (\"always\"|\"missing\"|\"never\")")
    String pull;
    @Option(names = {"-q", "--quiet"}, description = "Don't print anything to STDOUT")
    boolean quiet;
    @Option(names = "--quiet-build", description = "Suppress progress output from the build process")
    boolean quietBuild;
    @Option(names = "--quiet-pull", description = "Pull without printing progress information")
    boolean quietPull;
    @Option(names = "--build", description = "Build image before starting container")
    boolean build;
    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to run")
    String service;
    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        if (!publish.isEmpty() && servicePorts) {
            throw ComposeException.usage("--service-ports and --publish are incompatible");
        }
        boolean useTty = tty();
        String pullPolicy = pullPolicy(matched("--pull"), pull);
        Project project = loadProject(List.of(service));
        if (interactive && useTty && !detach && !stdinIsTerminal()) {
            throw new ComposeException(ComposeException.Kind.CONFLICT, "the input device is not a TTY");
        }
        RunRequest req = new RunRequest(service, command, detach, remove, name, environment(), labels, publish,
                servicePorts, useAliases, user, workdir, entrypoint, noDeps, useTty, interactive, capAdd, capDrop,
                volumes, pullPolicy, quietPull, removeOrphans);
        try (EngineSelector.Selected engine = openEngine();
                ProgressRenderer progress = quiet ? new ProgressRenderer(err(), ProgressRenderer.Mode.QUIET,
                        global().ansiEnabled(), "Running") : progress("Running")) {
            RunService run = new RunService(engine, project, progress, global().parallelLimit(), global().env,
                    new SecureRandom());
            RunService.OneOff created = run.create(req, build ? BuildPolicy.ALWAYS : BuildPolicy.MISSING);
            progress.close(); // the container's own output follows
            if (detach) {
                run.startDetached(created);
                out().println(created.id());
                return ExitCodes.OK;
            }
            return attached(run, created, engine);
        }
    }

    private int attached(RunService run, RunService.OneOff c, EngineSelector.Selected engine) {
        Stdio.TtySize size = c.tty() ? Tty.size().orElse(null) : null;
        Stdio stdio = new Stdio(c.interactive() ? stdin() : null, stdoutBytes(), stderrBytes(), size);
        boolean raw = c.tty() && c.interactive() && stdinIsTerminal() && !testing();
        SignalForwarder[] forwarder = new SignalForwarder[1];
        try (AutoCloseable terminal = raw ? Tty.raw() : () -> { }) {
            return run.runAttached(c, stdio, () -> forwarder[0] = SignalForwarder.install(signal -> {
                if (signal.equals("SIGWINCH")) {
                    Tty.size().ifPresent(s -> engine.engine().resizeTty(c.id(), s.rows(), s.columns()));
                } else {
                    engine.engine().killContainer(c.id(), signal);
                }
            }, "INT", "TERM", "HUP", "WINCH"));
        } catch (ComposeException e) {
            throw e;
        } catch (Exception e) {
            throw new ComposeException(ComposeException.Kind.INTERNAL, e.toString(), e);
        } finally {
            if (forwarder[0] != null) {
                forwarder[0].close();
            }
        }
    }

    /** compose's TTY rules: -t/-T explicit win; by default a tty when stdout is one and stdin is one too. */
    private boolean tty() {
        boolean ttyGiven = matched("--tty");
        boolean noTtyGiven = matched("--no-tty");
        if (ttyGiven && noTtyGiven) {
            throw ComposeException.usage("--tty and --no-tty can't be used together");
        }
        if (ttyGiven) {
            return tty;
        }
        if (noTtyGiven) {
            return !noTty;
        }
        if (!matched("--interactive") && !stdinIsTerminal()) {
            return false;
        }
        return stdoutIsTerminal();
    }

    /** -e flags, then --env-from-file entries for keys -e did not set (compose's getEnvironment). */
    private List<String> environment() {
        List<String> out = new ArrayList<>(env);
        if (envFiles.isEmpty()) {
            return out;
        }
        Map<String, String> given = EnvOverrides.resolve(env, global().env);
        for (Path file : envFiles) {
            String text;
            try {
                text = Files.readString(global().cwd.resolve(file));
            } catch (IOException e) {
                throw new ComposeException(ComposeException.Kind.NOT_FOUND, "open " + file
                        + ": no such file or directory");
            }
            DotEnv.parse(text, given::get).forEach((k, v) -> {
                if (!given.containsKey(k)) {
                    given.put(k, v);
                    out.add(k + "=" + v);
                }
            });
        }
        return out;
    }

    /** --pull given: one of compose's pull policies; not given: each service's own pull_policy. */
    static String pullPolicy(boolean given, String value) {
        if (!given) {
            return null;
        }
        if (!PULL_POLICIES.contains(value)) {
            throw ComposeException.usage("invalid --pull option \"" + value + "\"");
        }
        return value;
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
