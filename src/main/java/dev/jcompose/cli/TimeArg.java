package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * --since / --until values as docker reads them (timetypes.GetTimestamp): a Go duration before now ("42m",
 * "1h30m", "1.5h"), an RFC 3339 time with or without zone ("2013-01-02T13:23:37Z", "2013-01-02T13:23",
 * "2013-01-02"; no zone = local time), or Unix seconds ("1700000000", "1700000000.5").
 */
final class TimeArg {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern UNIX = Pattern.compile("\\d+(\\.\\d{1,9})?");

    private TimeArg() {
    }

    static Instant parse(String value, Instant now, ZoneId zone) {
        Duration d = goDuration(value);
        if (d != null && !value.equals("0")) {
            return now.minus(d);
        }
        try {
            boolean zoned = value.matches(".*[zZ+].*") || value.chars().filter(c -> c == '-').count() == 3;
            if (value.contains("T")) {
                String v = value;
                if (zoned) {
                    return OffsetDateTime.parse(withSeconds(v), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                }
                return LocalDateTime.parse(withSeconds(v), DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone)
                        .toInstant();
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw ComposeException.usage("parsing time \"" + value + "\": " + e.getMessage());
        }
        if (value.contains("-")) {
            throw ComposeException.usage("parsing time \"" + value + "\": not an RFC 3339 time");
        }
        if (UNIX.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE)
                    .movePointRight(9).longValue());
        }
        throw ComposeException.usage("failed to parse value as time or duration: \"" + value + "\"");
    }

    /** "2013-01-02T13" and "2013-01-02T13:23" (docker accepts both) get the missing fields. */
    private static String withSeconds(String v) {
        Matcher m = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2})(:\\d{2})?(?![:\\d])(.*)$").matcher(v);
        if (m.matches()) {
            return m.group(1) + (m.group(2) == null ? ":00" : m.group(2)) + ":00" + m.group(3);
        }
        return v;
    }

    /** Go's time.ParseDuration, or null when the text is not a duration. */
    static Duration goDuration(String value) {
        String s = value;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            end = m.end();
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(BigDecimal.valueOf(unit)));
        }
        if (end != s.length()) {
            return null;
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }
}
