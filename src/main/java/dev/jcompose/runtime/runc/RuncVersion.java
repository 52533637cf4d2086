package dev.jcompose.runtime.runc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parsed first line of {@code runc --version}, e.g. "runc version 1.1.5+ds1". */
public record RuncVersion(int major, int minor, int patch, String text) implements Comparable<RuncVersion> {
    /** Oldest runc jcompose is tested with; older ones get a warning (Debian 12 ships 1.1.5). */
    public static final RuncVersion MINIMUM = new RuncVersion(1, 1, 0, "1.1.0");
    private static final Pattern VERSION = Pattern.compile("runc version (\\d+)\\.(\\d+)(?:\\.(\\d+))?(\\S*)");

    public static RuncVersion parse(String output) {
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            throw new IllegalArgumentException("not a runc version output: " + output.strip());
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new RuncVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch,
                m.group(1) + "." + m.group(2) + "." + patch + m.group(4));
    }

    public boolean isOlderThan(RuncVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(RuncVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }
}
