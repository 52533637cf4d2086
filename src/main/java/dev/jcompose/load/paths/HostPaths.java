package dev.jcompose.load.paths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How compose-go's paths package turns one relative host path into an absolute one. */
final class HostPaths {
    private static final List<String> REMOTE_CONTEXT_PREFIXES = List.of("https://", "http://", "git://", "ssh://",
            "github.com/", "git@");

    private final Path baseDir;
    private final String home;

    HostPaths(Path baseDir, String home) {
        this.baseDir = baseDir;
        this.home = home;
    }

    /** {@code ~} and {@code ~/x} are under the home directory (compose joins anything after the tilde). */
    String expandUser(String p) {
        if (p.startsWith("~") && home != null && !home.isEmpty()) {
            return join(Path.of(home), p.substring(1));
        }
        return p;
    }

    /** absPath: "" stays "", absolute stays, anything else is joined to the base directory and cleaned. */
    String abs(String p) {
        String v = expandUser(p);
        if (v.isEmpty() || isAbsolute(v)) {
            return v;
        }
        return join(baseDir, v);
    }

    /** A build context: URLs, git references and {@code service:} / {@code scheme://} contexts are not paths. */
    String context(String p) {
        if (p.contains("://") || p.startsWith("service:")) {
            return p;
        }
        for (String prefix : REMOTE_CONTEXT_PREFIXES) {
            if (p.startsWith(prefix)) {
                return p;
            }
        }
        return abs(p);
    }

    /** An extends file given as a remote resource (git or OCI reference) is not a path. */
    String extendsFile(String p) {
        if (p.contains("://") || p.startsWith("git@")) {
            return p;
        }
        return abs(p);
    }

    /** develop.watch paths: a symbolic link is followed, as compose-go does, so events match the real files. */
    String followingLink(String p) {
        String v = abs(p);
        try {
            Path path = Path.of(v);
            if (Files.isSymbolicLink(path)) {
                return path.toRealPath().toString();
            }
        } catch (IOException | RuntimeException e) {
            // A missing or unreadable path is reported by watch, not by the loader.
        }
        return v;
    }

    static boolean isAbsolute(String p) {
        return p.startsWith("/") || isWindowsAbsolute(p);
    }

    /** {@code C:\x}, {@code C:/x} or {@code \\server\share}: absolute for a Windows daemon, kept as is. */
    static boolean isWindowsAbsolute(String p) {
        if (p.startsWith("\\\\")) {
            return true;
        }
        return p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':'
                && (p.charAt(2) == '\\' || p.charAt(2) == '/');
    }

    private static String join(Path dir, String relative) {
        String rel = relative.startsWith("/") ? relative.substring(1) : relative;
        return dir.resolve(rel).normalize().toString();
    }
}
