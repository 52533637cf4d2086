package dev.jcompose.cli;

/** Minimal ANSI styling; disabled when --ansi never, NO_COLOR, or stdout is not a terminal. */
final class Ansi {
    private Ansi() {
    }

    static String error(boolean enabled, String message) {
        return enabled ? "\u001b[31m" + message + "\u001b[0m" : message;
    }

    static String color(boolean enabled, int code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
