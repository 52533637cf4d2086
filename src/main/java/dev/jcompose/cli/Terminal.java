package dev.jcompose.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the process talks to a terminal. Since JDK 22 System.console() is non-null even when the streams
 * are redirected, so "console != null" no longer means a terminal; Console.isTerminal() (JDK 22+) does. The
 * language level is 21, hence the reflective call.
 */
final class Terminal {
    private static final Method IS_TERMINAL = find();

    private Terminal() {
    }

    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        if (IS_TERMINAL == null) {
            return true; // JDK 21: a console exists only for a terminal
        }
        try {
            return (Boolean) IS_TERMINAL.invoke(console);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static Method find() {
        try {
            return Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
