package dev.jcompose.runtime.snapshot;

import dev.jcompose.runtime.RuntimeError;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one place of the runtime that mounts and unmounts, by running mount(8) and umount(8). A mount with a
 * working directory (relative overlay paths, see {@link OverlayOptions}) is made from a child process
 * started in that directory: the JVM cannot chdir, a child can.
 */
public final class Mounter {
    private static final long TIMEOUT_SECONDS = 60;

    /** Mounts {@code mounts} in order onto {@code target} (an existing directory). */
    public void mount(List<Mount> mounts, Path target) {
        for (Mount mount : mounts) {
            List<String> command = new ArrayList<>(List.of("mount"));
            if (!mount.isBind()) {
                command.addAll(List.of("-t", mount.type()));
            }
            if (!mount.options().isEmpty()) {
                command.addAll(List.of("-o", mount.isBind() ? bindOptions(mount) : mount.optionString()));
            }
            command.add(mount.source());
            command.add(target.toAbsolutePath().toString());
            run(command, mount.workingDir(), "mount " + mount.type() + " on " + target);
        }
    }

    /** Unmounts {@code target}; a target that is not mounted is fine (cleanup must be idempotent). */
    public void unmount(Path target) {
        if (!isMounted(target)) {
            return;
        }
        run(List.of("umount", target.toAbsolutePath().toString()), null, "unmount " + target);
    }

    /** Mount points strictly below {@code dir} (per /proc/self/mountinfo), for crash cleanup. */
    public List<Path> mountsUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).startsWith(prefix)) {
                    found.add(Path.of(unescape(fields[4])));
                }
            }
            return found;
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
    }

    /** Whether something is mounted exactly at {@code target} (per /proc/self/mountinfo). */
    public boolean isMounted(Path target) {
        String wanted = target.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
    }

    /** "bind" is a mount flag, not a file system: rbind/bind plus ro/rw go to mount(8) as -o. */
    private static String bindOptions(Mount mount) {
        List<String> options = new ArrayList<>(mount.options());
        if (!options.contains("bind") && !options.contains("rbind")) {
            options.add(0, "bind");
        }
        return String.join(",", options);
    }

    private static void run(List<String> command, Path workingDir, String what) {
        try {
            Path output = Files.createTempFile("jcompose-mount-", ".log");
            try {
                // stdout/stderr to a file, never a pipe: a helper mount(8) starts could keep a pipe open.
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                if (workingDir != null) {
                    builder.directory(workingDir.toFile());
                }
                builder.environment().put("LC_ALL", "C");
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new RuntimeError(500, what + " timed out after " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    String message = Files.readString(output, StandardCharsets.UTF_8).trim();
                    throw new RuntimeError(500, what + " failed (exit " + process.exitValue() + "): "
                            + message);
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw RuntimeError.internal(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RuntimeError.internal(what + " interrupted", e);
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal (\040...). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field.substring(i + 1, i + 4))) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String digits) {
        return digits.chars().allMatch(d -> d >= '0' && d <= '7');
    }
}
