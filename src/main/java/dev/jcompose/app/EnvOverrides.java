package dev.jcompose.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `-e KEY=VALUE` and `-e KEY` flags of run and exec. A bare KEY takes its value from the project's environment
 * (shell, then .env), as compose resolves it; what stays unresolved is kept as bare KEY (exec, where Docker then
 * leaves it unset) or dropped (run, compose's RemoveEmpty).
 */
public final class EnvOverrides {
    private EnvOverrides() {
    }

    /** KEY → value (null: unresolved), in flag order; a later flag for the same key wins. */
    public static Map<String, String> resolve(List<String> flags, Map<String, String> environment) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                out.put(flag.substring(0, eq), flag.substring(eq + 1));
            } else {
                out.put(flag, environment.get(flag));
            }
        }
        return out;
    }

    /** The engine's KEY=VALUE form; unresolved keys stay bare. */
    public static List<String> toEngine(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(v == null ? k : k + "=" + v));
        return out;
    }

    /** {@code base} (KEY=VALUE entries) with {@code overrides} applied: replaced in place, new keys appended. */
    public static List<String> merge(List<String> base, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String entry : base) {
            int eq = entry.indexOf('=');
            merged.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
        }
        overrides.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return toEngine(merged);
    }
}
