package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;

/**
 * IPv4 addresses as unsigned 32-bit values in an {@code int}: arithmetic on offsets inside a subnet stays
 * trivial and no {@link java.net.InetAddress} lookup can ever happen by accident.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Parses a dotted quad; anything else (names, IPv6, missing octets) is a 400. */
    public static int parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw RuntimeError.badRequest("invalid IPv4 address: " + text);
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw RuntimeError.badRequest("invalid IPv4 address: " + text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw RuntimeError.badRequest("invalid IPv4 address: " + text);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    public static byte[] bytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    public static boolean isIpv4(String text) {
        try {
            parse(text);
            return true;
        } catch (RuntimeError e) {
            return false;
        }
    }
}
