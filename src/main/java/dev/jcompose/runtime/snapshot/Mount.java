package dev.jcompose.runtime.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * One mount, as data: what {@code mount -t type -o options source target} would do. Snapshotters return
 * these and never mount; {@link Mounter} is the one place that does.
 *
 * @param workingDir null, or the directory relative paths in {@code options} are relative to; the mount must
 *     then be made from a process whose current directory is this one (the kernel resolves overlayfs
 *     lowerdir paths against the caller's cwd). Used when absolute paths would not fit in one page.
 */
public record Mount(String type, String source, List<String> options, Path workingDir) {
    public Mount {
        options = List.copyOf(options);
    }

    public Mount(String type, String source, List<String> options) {
        this(type, source, options, null);
    }

    public boolean isBind() {
        return "bind".equals(type);
    }

    public boolean isReadOnly() {
        return options.contains("ro");
    }

    /** The value of a {@code key=value} option, or null. */
    public String option(String key) {
        for (String option : options) {
            if (option.startsWith(key + "=")) {
                return option.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** A path option (upperdir, workdir...) made absolute against {@link #workingDir} when relative. */
    public Path pathOption(String key) {
        String value = option(key);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        return path.isAbsolute() || workingDir == null ? path : workingDir.resolve(path);
    }

    /** The options as one {@code -o} argument. */
    public String optionString() {
        return String.join(",", options);
    }
}
