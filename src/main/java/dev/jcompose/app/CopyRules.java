package dev.jcompose.app;

import dev.jcompose.error.ComposeException;

/**
 * Where a copied archive is extracted and under which name, docker cp's rules (moby's PrepareArchiveCopy), for
 * both directions. The archive's root entry is the source's last path element ("." for a SRC/. contents copy):
 * <ul>
 *   <li>destination is an existing directory: extract into it, root name kept (SRC/. lands its contents there);
 *   <li>destination is an existing file: only a file may replace it (root renamed to the file's name);
 *   <li>destination does not exist: the source is created under that name in the parent directory, except a
 *       file copied to a path ending in '/' (that directory must exist).
 * </ul>
 * Paths are slash-separated (container paths and Linux host paths alike). Pure.
 */
final class CopyRules {
    private CopyRules() {
    }

    /** Extract into {@code directory}; rename the root entry from {@code from} to {@code to} when they differ. */
    record Placement(String directory, String from, String to) {
        boolean renames() {
            return !from.equals(to);
        }
    }

    static Placement place(boolean sourceIsDirectory, String sourcePath, String destination, boolean exists,
            boolean isDirectory) {
        String sourceBase = base(sourcePath);
        if (exists && isDirectory) {
            return new Placement(destination, sourceBase, sourceBase);
        }
        if (exists && sourceIsDirectory) {
            throw new ComposeException(ComposeException.Kind.CONFLICT, "cannot copy directory");
        }
        if (!exists && !sourceIsDirectory && destination.endsWith("/")) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "no such directory");
        }
        return new Placement(parent(destination), sourceBase, base(destination));
    }

    /** The last element: "/a/b" → b, "/a/b/" → b, "/a/b/." → "." (a contents copy), "/" → "/". */
    static String base(String path) {
        if (path.endsWith("/.")) {
            return ".";
        }
        String p = stripTrailingSlashes(path);
        if (p.isEmpty()) {
            return "/";
        }
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    /** The directory holding the last element: "/a/b" → /a, "b" → ".", "/b" → "/". */
    static String parent(String path) {
        String p = stripTrailingSlashes(path);
        int slash = p.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : p.substring(0, slash);
    }

    /** Resolves a symlink's target against the directory of the link, as cp does before following it. */
    static String linkTarget(String linkPath, String target) {
        if (target.startsWith("/")) {
            return target;
        }
        String dir = parent(linkPath);
        return (dir.equals("/") ? "" : dir) + "/" + target;
    }

    /** compose's splitCpArg: "SERVICE:PATH" unless the argument is absolute or starts with "." (local). */
    static String[] split(String arg) {
        if (arg.startsWith("/")) {
            return new String[] {"", arg};
        }
        int colon = arg.indexOf(':');
        if (colon < 0 || arg.substring(0, colon).startsWith(".")) {
            return new String[] {"", arg};
        }
        return new String[] {arg.substring(0, colon), arg.substring(colon + 1)};
    }

    private static String stripTrailingSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals("/") ? "" : p;
    }
}
