package dev.jcompose.cli;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Follows "a.b[0].c" through a plain tree; null when absent. */
final class LoaderPaths {
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private LoaderPaths() {
    }

    static Object at(Object tree, String path) {
        Object cur = tree;
        for (String part : path.split("\\.")) {
            cur = cur instanceof Map<?, ?> m ? m.get(part.replaceAll("\\[\\d+]", "")) : null;
            Matcher idx = INDEX.matcher(part);
            while (idx.find()) {
                int i = Integer.parseInt(idx.group(1));
                cur = cur instanceof List<?> l && i < l.size() ? l.get(i) : null;
            }
        }
        return cur;
    }
}
