package dev.jcompose.load.normalize;

import java.util.Set;

/**
 * The short volume syntax {@code [SOURCE:]TARGET[:OPTIONS]} as compose-go's format.ParseVolume reads it: a source
 * starting with '.', '/' or '~' (or a Windows drive or pipe) is a bind mount, anything else a named volume, no
 * source an anonymous volume. Options: ro, rw, nocopy, z/Z (SELinux), and the bind propagations; unknown options
 * are ignored, as compose does.
 */
final class VolumeSyntax {
    private static final Set<String> PROPAGATIONS = Set.of("rprivate", "private", "rshared", "shared", "rslave",
            "slave");
    private static final char END = 0;

    private VolumeSyntax() {
    }

    /** The parsed parts; bind-only and volume-only options are null when not given. */
    static final class Spec {
        String type;
        String source = "";
        String target = "";
        boolean readOnly;
        boolean noCopy;
        String selinux;
        String propagation;
    }

    static Spec parse(String spec) {
        Spec v = new Spec();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("invalid empty volume spec");
        }
        if (spec.length() <= 2) {
            v.target = spec;
            v.type = "volume";
            return v;
        }
        StringBuilder buffer = new StringBuilder();
        int inVariable = 0;
        String text = spec + END;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // ${...} left by --no-interpolate may hold colons that are not separators.
            if (c == '$' && i + 1 < spec.length() && spec.charAt(i + 1) == '{') {
                inVariable++;
                buffer.append(c);
                continue;
            }
            if (c == '}' && inVariable > 0) {
                inVariable--;
                buffer.append(c);
                continue;
            }
            if (c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0))) {
                buffer.append(c); // a Windows drive letter, C:
            } else if ((c == ':' || c == END) && inVariable == 0) {
                populate(c, buffer.toString(), v, spec);
                buffer.setLength(0);
            } else {
                buffer.append(c);
            }
        }
        populateType(v);
        return v;
    }

    private static void populate(char c, String buffer, Spec v, String spec) {
        if (buffer.isEmpty()) {
            throw new IllegalArgumentException("invalid spec: " + spec + ": empty section between colons");
        }
        if (v.source.isEmpty() && c == END) {
            v.target = buffer;
            return;
        }
        if (v.source.isEmpty()) {
            v.source = buffer;
            return;
        }
        if (v.target.isEmpty()) {
            v.target = buffer;
            return;
        }
        if (c == ':') {
            throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
        }
        for (String option : buffer.split(",")) {
            switch (option) {
                case "ro" -> v.readOnly = true;
                case "rw" -> v.readOnly = false;
                case "nocopy" -> v.noCopy = true;
                case "z", "Z" -> v.selinux = option;
                default -> {
                    if (PROPAGATIONS.contains(option)) {
                        v.propagation = option;
                    }
                }
            }
        }
    }

    private static void populateType(Spec v) {
        v.type = isFilePath(v.source) ? "bind" : "volume";
    }

    static boolean isFilePath(String source) {
        if (source.isEmpty()) {
            return false;
        }
        char first = source.charAt(0);
        if (first == '.' || first == '/' || first == '~') {
            return true;
        }
        if (source.startsWith("\\\\")) {
            return true; // Windows named pipe
        }
        return source.length() > 1 && Character.isLetter(first) && source.charAt(1) == ':';
    }
}
