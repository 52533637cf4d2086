package dev.jcompose.exec;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.SignalMask;
import dev.jcompose.engine.Signals;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Service;
import java.time.Duration;

/**
 * Stops one container the way compose does — the service's stop signal, then SIGKILL after its grace period —
 * with one improvement: when the engine is local and PID 1 does not catch the signal (a process that ignores
 * SIGTERM, e.g. busybox httpd as PID 1), waiting the grace period achieves nothing, so it is killed at once.
 * Shared by the executor (down, recreate) and the lifecycle commands (stop, restart).
 */
public final class ContainerStopper {
    private final Engine engine;
    private final boolean signalAware;
    private final Duration override;

    /**
     * @param signalAware whether PID 1's signal mask can be read (the engine runs on this host)
     * @param override    a stop timeout replacing every service's grace period (-t), or null
     */
    public ContainerStopper(Engine engine, boolean signalAware, Duration override) {
        this.engine = engine;
        this.signalAware = signalAware;
        this.override = override;
    }

    /** service may be null (a container whose service the project does not define): the image's signal applies. */
    public void stop(String id, Service service) {
        // Without a service definition the container's own stop timeout (set at create) applies: pass null.
        Duration grace = override != null ? override : service == null ? null : ContainerSpecs.stopTimeout(service);
        if (signalAware) {
            ContainerInfo info = engine.inspectContainer(id);
            if (!info.status().running()) {
                return;
            }
            String signal = service != null && service.stopSignal() != null ? service.stopSignal()
                    : info.config().stopSignal() != null && !info.config().stopSignal().isEmpty()
                    ? info.config().stopSignal() : "SIGTERM";
            long pid = info.status().pid();
            int sig = Signals.number(signal);
            if (pid > 0 && sig != Signals.SIGKILL && SignalMask.read(pid).map(m -> !m.catches(sig)).orElse(false)) {
                try {
                    engine.killContainer(id, "SIGKILL");
                } catch (ComposeException e) {
                    if (e.kind() != ComposeException.Kind.CONFLICT) { // already stopped
                        throw e;
                    }
                }
                engine.stopContainer(id, Duration.ZERO); // waits for the exit to be recorded
                return;
            }
        }
        engine.stopContainer(id, grace);
    }
}
