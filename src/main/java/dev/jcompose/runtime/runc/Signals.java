package dev.jcompose.runtime.runc;

import java.util.List;
import java.util.Locale;

/** Linux signal names and numbers (x86-64/arm64 numbering), for stop signals, runc kill and SigCgt masks. */
public final class Signals {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    /** Index = signal number; blank where Linux has none. */
    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private Signals() {}

    /** "SIGTERM", "TERM", "term", "15", "RTMIN+3" → number; unknown names fail. */
    public static int parse(String signal) {
        String s = signal.trim().toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        if (s.matches("\\d+")) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 64) {
                return n;
            }
        } else if (s.startsWith("RTMIN")) {
            return 34 + offset(s.substring(5), signal);
        } else if (s.startsWith("RTMAX")) {
            return 64 + offset(s.substring(5), signal);
        } else {
            int i = NAMES.indexOf(s.equals("IOT") ? "ABRT" : s.equals("POLL") ? "IO" : s);
            if (i > 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("invalid signal: " + signal);
    }

    private static int offset(String rest, String original) {
        if (rest.isEmpty()) {
            return 0;
        }
        if (!rest.matches("[+-]\\d+")) {
            throw new IllegalArgumentException("invalid signal: " + original);
        }
        return Integer.parseInt(rest);
    }

    /** 15 → "SIGTERM"; real-time signals as their number. */
    public static String name(int number) {
        return number > 0 && number < NAMES.size() ? "SIG" + NAMES.get(number) : Integer.toString(number);
    }

    /** Whether {@code number} is set in a /proc/PID/status signal mask such as SigCgt (hex, bit n-1 = signal n). */
    public static boolean inMask(String hexMask, int number) {
        long bits = Long.parseUnsignedLong(hexMask.trim(), 16);
        return (bits & (1L << (number - 1))) != 0;
    }
}
