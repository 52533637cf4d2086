package dev.jcompose.load.paths;

/**
 * The parts of a service volume in short syntax, {@code [source:]target[:options]}, split the way compose-go's
 * format.ParseVolume splits them: a colon inside {@code ${...}} or after a Windows drive letter does not separate.
 *
 * @param source    the host path or volume name; "" for an anonymous volume
 * @param target    the path in the container
 * @param sourceEnd index in the spec where the source ends (its colon), -1 without source
 */
public record VolumeSpec(String source, String target, int sourceEnd) {

    public static VolumeSpec parse(String spec) {
        if (spec.length() <= 2) {
            return new VolumeSpec("", spec, -1);
        }
        String source = null;
        String target = null;
        int sourceEnd = -1;
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= spec.length(); i++) {
            char c = i < spec.length() ? spec.charAt(i) : ':';
            if (c == '$' && i + 1 < spec.length() && spec.charAt(i + 1) == '{') {
                depth++;
                continue;
            }
            if (c == '}' && depth > 0) {
                depth--;
                continue;
            }
            if (c != ':' || depth > 0 || isDriveLetter(spec, start, i)) {
                continue;
            }
            String part = spec.substring(start, i);
            if (source == null) {
                source = part;
                sourceEnd = i;
            } else if (target == null) {
                target = part;
            }
            start = i + 1;
        }
        if (target == null) {
            return new VolumeSpec("", source == null ? "" : source, -1);
        }
        return new VolumeSpec(source, target, sourceEnd);
    }

    /** "C:" at the start of a part is a drive, not a separator. */
    private static boolean isDriveLetter(String spec, int start, int colon) {
        return colon - start == 1 && Character.isLetter(spec.charAt(start));
    }

    /** A short-syntax source is a host path (bind mount) when it looks like one; otherwise it names a volume. */
    public static boolean isHostPath(String source) {
        if (source.isEmpty()) {
            return false;
        }
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~' || source.startsWith("\\\\")) {
            return true;
        }
        return source.length() > 1 && Character.isLetter(c) && source.charAt(1) == ':';
    }
}
