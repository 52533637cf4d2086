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

    /**
     * From /proc/PID/status and /proc/PID/wchan: will {@code signal} reach the program? Yes when it is in SigCgt
     * (a handler is installed), in SigBlk (blocked signals stay queued), or when the process sits in
     * sigtimedwait: tini blocks every signal and waits for them there, and while it waits the kernel shows the
     * waited-for signals as unblocked (the real mask is not in /proc).
     */
    public static boolean catches(String procStatus, String wchan, int signal) {
        if (wchan.startsWith("do_sigtimedwait")) {
            return true;
        }
        String caught = null;
        String blocked = null;
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("SigCgt:")) {
                caught = line.substring(7).strip();
            } else if (line.startsWith("SigBlk:")) {
                blocked = line.substring(7).strip();
            }
        }
        if (caught == null) {
            return true; // no mask to read: assume it may handle it, and wait the grace period like Docker
        }
        return Signals.inMask(caught, signal) || (blocked != null && Signals.inMask(blocked, signal));
    }

    /** True when {@code signal} should be sent and waited for; false when only SIGKILL will stop {@code pid}. */
    public static boolean worthSending(long pid, int signal) {
        if (signal == Signals.SIGKILL) {
            return false;
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String wchan = Files.exists(proc.resolve("wchan")) ? Files.readString(proc.resolve("wchan")) : "";
            return catches(Files.readString(proc.resolve("status")), wchan, signal);
        } catch (IOException e) {
            return true; // vanished meanwhile; the stop path finds it stopped
        }
    }

    /** Whether {@code pid} is still runc's init (its handlers are runc's until it execs the command). */
    static boolean stillRuncInit(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).startsWith("runc:[");
        } catch (IOException e) {
            return false; // gone already
        }
    }
}
