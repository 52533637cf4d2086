package dev.jcompose.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The Go library formats docker and compose print with, reproduced so output matches byte for byte:
 * go-units HumanDuration / HumanSizeWithPrecision, docker's Ellipsis, strconv.Quote, time.Time.String and
 * RFC 3339 with trimmed nanoseconds (time.MarshalJSON).
 */
final class GoFormat {
    private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final DateTimeFormatter GO_TIME_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private GoFormat() {
    }

    /** go-units HumanDuration: "Less than a second", "3 seconds", "About a minute", "2 hours"... */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = (long) (d.toNanos() / 3.6e12 + 0.5);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }

    /** go-units HumanSizeWithPrecision(size, 3), what `images` prints: "1.98MB", "100kB", "0B". */
    static String humanSize(double size) {
        return humanSize(size, 3);
    }

    /** go-units HumanSizeWithPrecision: decimal units, Go's %.{precision}g. */
    static String humanSize(double size, int precision) {
        int unit = 0;
        while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        return formatG(size, precision) + DECIMAL_UNITS[unit];
    }

    /** Go's %.{precision}g: shortest form, trailing zeros dropped, exponent form when exp >= precision. */
    static String formatG(double value, int precision) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String exp = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
            return mantissa.toPlainString() + "e" + exp;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** docker's formatter.Ellipsis for ASCII and other narrow text: at most max code points, "…" last. */
    static String ellipsis(String s, int max) {
        int n = s.codePointCount(0, s.length());
        if (n <= max) {
            return s;
        }
        if (max <= 0) {
            return "";
        }
        if (max == 1) {
            return new String(Character.toChars(s.codePointAt(0)));
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** strconv.Quote: double quotes, Go escapes for control and non-printable characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x0b -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else if (c < 0x80 || printable(c)) {
                        b.appendCodePoint(c);
                    } else if (c < 0x10000) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.append(String.format("\\U%08x", c));
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    private static boolean printable(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && (type != Character.SPACE_SEPARATOR || c == ' ');
    }

    /** time.Unix(s, 0).String() in the given zone: "2024-01-02 10:00:00 +0000 UTC". */
    static String timeString(Instant instant, ZoneId zone) {
        return GO_TIME_STRING.format(instant.atZone(zone));
    }

    /** RFC 3339 with the fraction's trailing zeros dropped, in UTC (Go's RFC3339Nano, time.MarshalJSON). */
    static String rfc3339Nano(Instant instant) {
        String base = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(instant.atZone(ZoneId.of("UTC")).withNano(0)
                .toLocalDateTime());
        String fraction = "";
        if (instant.getNano() != 0) {
            fraction = "." + String.format("%09d", instant.getNano()).replaceAll("0+$", "");
        }
        return base + fraction + "Z";
    }

    /** Docker's RFC3339NanoFixed: always nine fraction digits ("2024-01-02T10:00:00.000000000Z"). */
    static String rfc3339NanoFixed(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX").format(instant.atZone(zone));
    }
}
