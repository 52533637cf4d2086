package dev.jcompose.engine;

import java.util.Locale;

/** The Docker container states (State.Status). */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    /** The lowercase wire name, as `docker ps` shows it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContainerState parse(String wireName) {
        if (wireName == null || wireName.isEmpty()) {
            return CREATED;
        }
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    /** Running in the sense of `docker ps` without -a: the process exists. */
    public boolean isUp() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }
}
