package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;

/**
 * An IPv4 prefix such as {@code 172.18.0.0/24}. The base is normalised (host bits cleared) so two spellings of
 * one subnet are equal, which is what overlap checks and persisted IPAM files rely on.
 */
public record Ipv4Subnet(int base, int prefix) {
    public Ipv4Subnet {
        if (prefix < 0 || prefix > 32) {
            throw RuntimeError.badRequest("invalid prefix length /" + prefix);
        }
        base = base & mask(prefix);
    }

    /** {@code a.b.c.d/n}; a bare address means /32 (how {@code ip route} prints host routes). */
    public static Ipv4Subnet parse(String cidr) {
        if (cidr == null) {
            throw RuntimeError.badRequest("invalid subnet: null");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return new Ipv4Subnet(Ipv4.parse(cidr), 32);
        }
        String len = cidr.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit)) {
            throw RuntimeError.badRequest("invalid subnet: " + cidr);
        }
        return new Ipv4Subnet(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(len));
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public int mask() {
        return mask(prefix);
    }

    /** Number of addresses including the network and broadcast addresses. */
    public long size() {
        return 1L << (32 - prefix);
    }

    public boolean contains(int address) {
        return (address & mask()) == base;
    }

    public boolean overlaps(Ipv4Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        return (base & mask(shorter)) == (other.base & mask(shorter));
    }

    /** The address at {@code offset} from the network address. */
    public int address(long offset) {
        if (offset < 0 || offset >= size()) {
            throw new IllegalArgumentException("offset " + offset + " outside " + this);
        }
        return base + (int) offset;
    }

    public long offsetOf(int address) {
        if (!contains(address)) {
            throw new IllegalArgumentException(Ipv4.format(address) + " outside " + this);
        }
        return Integer.toUnsignedLong(address - base);
    }

    /** Docker's default gateway: the first host address. */
    public int firstHost() {
        return base + 1;
    }

    @Override
    public String toString() {
        return Ipv4.format(base) + "/" + prefix;
    }
}
