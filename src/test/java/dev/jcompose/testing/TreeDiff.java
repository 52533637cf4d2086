package dev.jcompose.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Differences between two plain trees (maps, lists, scalars), one line per differing path. */
public final class TreeDiff {
    private TreeDiff() {
    }

    public static List<String> diff(Object expected, Object actual) {
        List<String> out = new ArrayList<>();
        diff("", expected, actual, out);
        return out;
    }

    private static void diff(String path, Object e, Object a, List<String> out) {
        if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
            TreeSet<String> keys = new TreeSet<>();
            em.keySet().forEach(k -> keys.add(String.valueOf(k)));
            am.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "." + k;
                if (!em.containsKey(k)) {
                    out.add(p + ": unexpected " + am.get(k));
                } else if (!am.containsKey(k)) {
                    out.add(p + ": missing, expected " + em.get(k));
                } else {
                    diff(p, em.get(k), am.get(k), out);
                }
            }
        } else if (e instanceof List<?> el && a instanceof List<?> al && el.size() == al.size()) {
            for (int i = 0; i < el.size(); i++) {
                diff(path + "[" + i + "]", el.get(i), al.get(i), out);
            }
        } else if (!Objects.equals(e, a)) {
            out.add(path + ": expected " + show(e) + " but was " + show(a));
        }
    }

    private static String show(Object o) {
        return o == null ? "null" : o + " (" + o.getClass().getSimpleName() + ")";
    }
}
