package dev.jcompose.engine;

import java.util.List;
import java.util.Locale;

/** Linux (x86-64/arm64) signal names and numbers, for stop signals, kill -s and exit codes (128 + n). */
public final class Signals {
    /** Index = signal number; 32 and 33 are reserved by glibc, realtime signals are named RTMIN+n. */
    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
            "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
            "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
    private static final int RTMIN = 34;
    private static final int RTMAX = 64;

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private Signals() {
    }

    /**
     * The number of "SIGTERM", "TERM", "sigterm", "15", "SIGRTMIN+3" or "RTMAX-1"; IllegalArgumentException
     * when unknown.
     */
    public static int number(String signal) {
        String s = signal.trim().toUpperCase(Locale.ROOT);
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= RTMAX) {
                return n;
            }
            throw new IllegalArgumentException("invalid signal: " + signal);
        }
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        int index = NAMES.indexOf(s);
        if (index > 0) {
            return index;
        }
        if (s.equals("IOT")) {
            return 6;
        }
        if (s.equals("POLL")) {
            return 29;
        }
        Integer rt = realtime(s);
        if (rt != null) {
            return rt;
        }
        throw new IllegalArgumentException("invalid signal: " + signal);
    }

    /** "SIGTERM" for 15. */
    public static String name(int number) {
        if (number >= 1 && number < NAMES.size()) {
            return "SIG" + NAMES.get(number);
        }
        if (number >= RTMIN && number <= RTMAX) {
            return number == RTMIN ? "SIGRTMIN" : "SIGRTMIN+" + (number - RTMIN);
        }
        throw new IllegalArgumentException("invalid signal number: " + number);
    }

    /** The exit code a process killed by this signal reports through Docker. */
    public static int exitCodeOf(int number) {
        return 128 + number;
    }

    private static Integer realtime(String s) {
        for (String base : List.of("RTMIN", "RTMAX")) {
            if (!s.startsWith(base)) {
                continue;
            }
            String rest = s.substring(base.length());
            int offset = rest.isEmpty() ? 0 : Integer.parseInt(rest.replace("+", ""));
            int n = (base.equals("RTMIN") ? RTMIN : RTMAX) + offset;
            if (n >= RTMIN && n <= RTMAX) {
                return n;
            }
        }
        return null;
    }
}
