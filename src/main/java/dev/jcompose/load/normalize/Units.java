package dev.jcompose.load.normalize;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and byte sizes the way compose reads and prints them: durations in Go syntax ("1m30s", "1.5h",
 * plus "d" and "w" like compose-go's str2duration) printed as Go's time.Duration.String() ("1m0s"); byte sizes
 * with binary units ("512m", "1gb", "2.5GiB") as docker's units.RAMInBytes.
 */
public final class Units {
    private static final Pattern DURATION_PART = Pattern.compile(
            "(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h|d|w)");
    private static final Pattern BYTES = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private Units() {
    }

    /** Parses a Go duration; a bare number is taken as seconds only when it is 0 (as Go does). */
    public static Duration parseDuration(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION_PART.matcher(s);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
            nanos = nanos.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            pos = m.end();
        }
        long n = nanos.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            case "w" -> 604_800_000_000_000L;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** Go's time.Duration.String(): "1h2m3.5s", "1m0s", "500ms", "0s". */
    public static String formatDuration(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        boolean neg = n < 0;
        long u = Math.abs(n);
        String body;
        if (u < 1_000_000_000L) {
            // Sub-second durations use the largest unit that keeps the value >= 1.
            if (u < 1_000L) {
                body = u + "ns";
            } else if (u < 1_000_000L) {
                body = fraction(u, 1_000L) + "µs";
            } else {
                body = fraction(u, 1_000_000L) + "ms";
            }
        } else {
            long hours = u / 3_600_000_000_000L;
            long rem = u % 3_600_000_000_000L;
            long minutes = rem / 60_000_000_000L;
            rem = rem % 60_000_000_000L;
            String secs = fraction(rem, 1_000_000_000L) + "s";
            StringBuilder b = new StringBuilder();
            if (hours > 0) {
                b.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                b.append(minutes).append('m');
            }
            b.append(secs);
            body = b.toString();
        }
        return neg ? "-" + body : body;
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = String.format(Locale.ROOT, "%0" + (Long.toString(unit).length() - 1) + "d", frac);
        return whole + "." + digits.replaceAll("0+$", "");
    }

    /** docker's units.RAMInBytes: binary multipliers, optional "i"/"b" suffixes, case-insensitive. */
    public static long parseBytes(String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        BigDecimal size;
        try {
            size = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + text + "'");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        long mult = switch (unit) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            case "p" -> 1L << 50;
            default -> 1L;
        };
        return size.multiply(BigDecimal.valueOf(mult)).longValue();
    }
}
