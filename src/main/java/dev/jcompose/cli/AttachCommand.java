package dev.jcompose.cli;

import dev.jcompose.app.AttachService;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.engine.Stdio;
import dev.jcompose.error.ComposeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose attach SERVICE`: this terminal's stdio on a running container of the service until its output ends;
 * the exit code is the container's. Signals go to the container (--sig-proxy, without a tty), the terminal goes
 * raw for a tty container, and the detach keys (ctrl-p,ctrl-q) leave it running.
 */
@Command(name = "attach",
        description = "Attach local standard input, output, and error streams to a service's running container",
        customSynopsis = "jcompose attach [OPTIONS] SERVICE")
final class AttachCommand extends ServiceCommand {
    @Option(names = "--index", paramLabel = "N", description = "index of the container if service has multiple replicas.")
    int index;
    @Option(names = "--detach-keys", paramLabel = "KEYS",
            description = "Override the key sequence for detaching from a container.")
    String detachKeys;
    @Option(names = "--no-stdin", description = "Do not attach STDIN")
    boolean noStdin;
    @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Proxy all received signals to the process (default: true)")
    boolean sigProxy;
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to attach to")
    String service;

    @Override
    public Integer call() {
        AttachService.Request req = new AttachService.Request(service, index, noStdin, detachKeys);
        try (EngineSelector.Selected engine = openEngine()) {
            AttachService attach = new AttachService(engine.engine(), projectName());
            AttachService.Target target = attach.target(req);
            // docker's CheckTty: a tty container with stdin wanted needs a terminal on this side
            if (!noStdin && target.tty() && !stdinIsTerminal()) {
                throw new ComposeException(ComposeException.Kind.CONFLICT, "the input device is not a TTY");
            }
            return attached(attach, target, req, engine);
        }
    }

    private int attached(AttachService attach, AttachService.Target target, AttachService.Request req,
            EngineSelector.Selected engine) {
        boolean resize = target.tty() && stdoutIsTerminal();
        Stdio stdio = new Stdio(stdin(), stdoutBytes(), stderrBytes(), null);
        boolean raw = target.tty() && target.stdin() && stdinIsTerminal() && !testing();
        boolean forward = sigProxy && !target.tty() && !testing();
        SignalForwarder[] forwarder = new SignalForwarder[1];
        try (AutoCloseable terminal = raw ? Tty.raw() : () -> { }) {
            return attach.attach(target, req, stdio, () -> {
                if (resize) {
                    Tty.size().ifPresent(s -> engine.engine().resizeTty(target.id(), s.rows(), s.columns()));
                }
                if (forward || resize) {
                    forwarder[0] = SignalForwarder.install(signal -> {
                        if (signal.equals("SIGWINCH")) {
                            Tty.size().ifPresent(s -> engine.engine().resizeTty(target.id(), s.rows(), s.columns()));
                        } else if (forward) {
                            engine.engine().killContainer(target.id(), signal);
                        }
                    }, forward ? new String[] {"INT", "TERM", "HUP", "USR1", "USR2", "WINCH"} : new String[] {"WINCH"});
                }
            });
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
}
