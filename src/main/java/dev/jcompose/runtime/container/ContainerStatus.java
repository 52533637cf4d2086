package dev.jcompose.runtime.container;

import java.nio.file.Path;
import java.util.Optional;

/** A container as the runtime sees it now; {@code exit} is present once it has stopped. */
public record ContainerStatus(String id, State state, int pid, Path logDir, Optional<ExitStatus> exit) {
    /** GONE: the runtime has its files but runc no longer knows it (e.g. after a reboot). */
    public enum State { CREATED, RUNNING, PAUSED, STOPPED, GONE }

    public boolean isRunning() {
        return state == State.RUNNING || state == State.PAUSED;
    }
}
