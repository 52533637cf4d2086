package dev.jcompose.app;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.Stdio;
import dev.jcompose.error.ComposeException;

/** `exec`: a command in a running container of a service, with the command's exit code as the result. */
public final class ExecService {
    private final Engine engine;
    private final ServiceContainers containers;

    public ExecService(Engine engine, String projectName) {
        this.engine = engine;
        this.containers = new ServiceContainers(engine, projectName);
    }

    /** Runs the command; returns its exit code (0 for a detached exec, which is only started). */
    public int exec(ExecRequest req, Stdio stdio) {
        // compose's Exec: running containers only, one-off ones included (sorted last).
        ContainerSummary target = containers.specified(ServiceContainers.OneOff.INCLUDE, false, req.service(),
                req.index());
        ExecSpec spec = new ExecSpec(req.command(), req.env(), emptyToNull(req.user()),
                emptyToNull(req.workingDir()), req.privileged(), req.tty());
        if (req.detach()) {
            engine.execDetached(target.id(), spec);
            return 0;
        }
        Stdio streams = req.interactive() ? stdio : new Stdio(null, stdio.stdout(), stdio.stderr(), stdio.size());
        try {
            return engine.execInteractive(target.id(), spec, streams);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "exec interrupted");
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
