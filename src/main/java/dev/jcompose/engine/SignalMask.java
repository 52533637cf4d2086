package dev.jcompose.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The signal dispositions of a process, from the SigBlk/SigIgn/SigCgt lines of /proc/PID/status.
 * Why: a container's PID 1 gets no default signal actions from the kernel, so a PID 1 that does not catch
 * SIGTERM (busybox httpd, sleep) never reacts to `stop`; the executor then sends SIGKILL at once instead of
 * waiting out the grace period.
 */
public record SignalMask(BigInteger blocked, BigInteger ignored, BigInteger caught) {

    /** Parses the text of /proc/PID/status; a missing line counts as an empty mask. */
    public static SignalMask parse(String statusText) {
        BigInteger blocked = BigInteger.ZERO;
        BigInteger ignored = BigInteger.ZERO;
        BigInteger caught = BigInteger.ZERO;
        for (String line : statusText.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "SigBlk" -> blocked = hex(value, key);
                case "SigIgn" -> ignored = hex(value, key);
                case "SigCgt" -> caught = hex(value, key);
                default -> {
                }
            }
        }
        return new SignalMask(blocked, ignored, caught);
    }

    /** Reads /proc/PID/status; empty when the process is gone or /proc is not ours (remote engine). */
    public static Optional<SignalMask> read(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"));
    }

    static Optional<SignalMask> read(Path statusFile) {
        try {
            return Optional.of(parse(Files.readString(statusFile)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True when process {@code pid} has a handler for {@code signal} ("SIGTERM", "TERM", "15"). False when it
     * does not, or when its status cannot be read — callers treat "unknown" like "not caught" only if they
     * can tolerate an early SIGKILL; see {@link #read(long)} to tell the two apart.
     */
    public static boolean catches(long pid, String signal) {
        return read(pid).map(mask -> mask.catches(Signals.number(signal))).orElse(false);
    }

    public boolean catches(int signal) {
        return caught.testBit(signal - 1);
    }

    public boolean ignores(int signal) {
        return ignored.testBit(signal - 1);
    }

    public boolean blocks(int signal) {
        return blocked.testBit(signal - 1);
    }

    private static BigInteger hex(String value, String key) {
        try {
            return new BigInteger(value, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + key + " mask in /proc status: " + value, e);
        }
    }
}
