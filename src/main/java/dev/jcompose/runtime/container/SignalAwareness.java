package dev.jcompose.runtime.container;

import dev.jcompose.runtime.runc.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether sending a stop signal to a container's PID 1 can do anything. In a PID namespace the kernel drops
 * signals that PID 1 has no handler for (SIGKILL aside, which may only come from outside), so SIGTERM to a
 * {@code sleep} or busybox httpd running as PID 1 does nothing and waiting the grace period is pure loss.
 */
public final class SignalAwareness {
    private SignalAwareness() {}

    /** From the text of /proc/PID/status: is {@code signal} in SigCgt (a handler is installed)? */
    public static boolean catches(String procStatus, int signal) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("SigCgt:")) {
                return Signals.inMask(line.substring(7).strip(), signal);
            }
        }
        return true; // no mask to read: assume it may handle it, and wait the grace period like Docker
    }

    /** True when {@code signal} should be sent and waited for; false when only SIGKILL will stop {@code pid}. */
    public static boolean worthSending(long pid, int signal) {
        if (signal == Signals.SIGKILL) {
            return false;
        }
        try {
            return catches(Files.readString(Path.of("/proc", Long.toString(pid), "status")), signal);
        } catch (IOException e) {
            return true; // vanished meanwhile; the stop path finds it stopped
        }
    }
}
