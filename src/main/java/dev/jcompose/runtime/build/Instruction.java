package dev.jcompose.runtime.build;

import java.util.List;
import java.util.Map;

/**
 * One Dockerfile instruction after line joining, before any variable expansion.
 *
 * @param line the line the instruction starts on (1-based)
 * @param keyword upper case: RUN, COPY, ...
 * @param original the instruction as written, continuations joined (what "Step n/m :" shows)
 * @param flags the leading {@code --name=value} flags (a flag without value maps to "true")
 * @param args the text after the keyword and flags
 * @param json the exec form's words when {@code args} is a JSON array of strings, else null
 */
public record Instruction(int line, String keyword, String original, Map<String, String> flags, String args,
        List<String> json) {
    public Instruction {
        flags = Map.copyOf(flags);
        json = json == null ? null : List.copyOf(json);
    }

    public boolean isExecForm() {
        return json != null;
    }

    public String flag(String name) {
        return flags.get(name);
    }

    BuildException error(String message) {
        return BuildException.parse(line, message);
    }
}
