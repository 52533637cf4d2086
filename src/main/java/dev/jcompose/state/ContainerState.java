package dev.jcompose.state;

import java.util.Locale;

/** Docker's container states, as the engine API reports them in {@code State}. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    public static ContainerState parse(String value) {
        if (value == null || value.isBlank()) {
            return CREATED;
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** States whose container needs a stop before it can be removed. */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }
}
