package dev.jcompose.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Non-fatal findings of the loader (unset variables, obsolete keys); the CLI prints them once each. */
public final class Warnings {
    private final Set<String> messages = new LinkedHashSet<>();

    public synchronized void add(String message) {
        messages.add(message);
    }

    public synchronized List<String> list() {
        return new ArrayList<>(messages);
    }
}
