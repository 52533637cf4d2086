package dev.jcompose.app;

/**
 * Repository and tag of an image reference in Docker's familiar form, as reference.ParseDockerRef +
 * FamiliarName give them: docker.io/library/busybox → busybox; no tag and no digest → "latest"; an image id
 * (sha256:… or 64 hex) has neither.
 */
final class ImageNames {
    private ImageNames() {
    }

    /** {repository, tag}; either may be "". */
    static String[] split(String reference) {
        if (reference == null || reference.isEmpty() || reference.startsWith("sha256:")
                || reference.matches("[0-9a-f]{64}")) {
            return new String[] {"", ""};
        }
        String name = reference;
        boolean digested = false;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
            digested = true;
        }
        String tag = "";
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        } else if (!digested) {
            tag = "latest";
        }
        return new String[] {familiar(name), tag};
    }

    private static String familiar(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasDomain = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (hasDomain && !first.equals("docker.io") && !first.equals("index.docker.io")) {
            return name;
        }
        String path = hasDomain ? name.substring(slash + 1) : name;
        return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }
}
