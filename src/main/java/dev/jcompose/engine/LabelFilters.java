package dev.jcompose.engine;

import java.util.List;
import java.util.Map;

/** Docker's label filter semantics: "key" needs the label present, "key=value" needs that value; all must hold. */
public final class LabelFilters {
    private LabelFilters() {
    }

    public static boolean matches(Map<String, String> labels, List<String> filters) {
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            if (eq < 0 ? !labels.containsKey(filter)
                    : !filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }
}
