package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HEALTHCHECK NONE | HEALTHCHECK [--interval=D --timeout=D --start-period=D --start-interval=D --retries=N] CMD ... */
public final class HealthcheckInstruction {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private HealthcheckInstruction() {
    }

    public static HealthConfig parse(String args) {
        if (args.equalsIgnoreCase("NONE")) {
            return new HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
        }
        long interval = 0;
        long timeout = 0;
        long startPeriod = 0;
        long startInterval = 0;
        int retries = 0;
        String rest = args;
        while (rest.startsWith("--")) {
            int space = ImportChanges.indexOfWhitespace(rest);
            String flag = space < 0 ? rest : rest.substring(0, space);
            rest = space < 0 ? "" : rest.substring(space).strip();
            int equals = flag.indexOf('=');
            if (equals < 0) {
                throw RuntimeError.badRequest("HEALTHCHECK flag needs a value: " + flag);
            }
            String value = flag.substring(equals + 1);
            switch (flag.substring(2, equals)) {
                case "interval" -> interval = durationNanos(value);
                case "timeout" -> timeout = durationNanos(value);
                case "start-period" -> startPeriod = durationNanos(value);
                case "start-interval" -> startInterval = durationNanos(value);
                case "retries" -> retries = parseRetries(value);
                default -> throw RuntimeError.badRequest("unknown HEALTHCHECK flag: " + flag);
            }
        }
        int space = ImportChanges.indexOfWhitespace(rest);
        String type = (space < 0 ? rest : rest.substring(0, space)).toUpperCase(Locale.ROOT);
        String command = space < 0 ? "" : rest.substring(space).strip();
        if (!type.equals("CMD") || command.isEmpty()) {
            throw RuntimeError.badRequest("HEALTHCHECK needs NONE or CMD with a command: " + args);
        }
        List<String> test = new ArrayList<>();
        if (command.startsWith("[")) {
            test.add("CMD");
            test.addAll(DockerfileWords.jsonArray(command));
        } else {
            test.add("CMD-SHELL");
            test.add(command);
        }
        return new HealthConfig(test, interval, timeout, startPeriod, startInterval, retries);
    }

    /** A Go duration (1m30s, 500ms, 1.5h) in nanoseconds. */
    static long durationNanos(String text) {
        Matcher matcher = DURATION_PART.matcher(text);
        int position = 0;
        double nanos = 0;
        while (matcher.find() && matcher.start() == position) {
            double value = Double.parseDouble(matcher.group(1));
            nanos += value * switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            position = matcher.end();
        }
        if (position == 0 || position != text.length()) {
            throw RuntimeError.badRequest("invalid duration: \"" + text + "\"");
        }
        return (long) nanos;
    }

    private static int parseRetries(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid HEALTHCHECK retries: \"" + value + "\"");
        }
    }
}
