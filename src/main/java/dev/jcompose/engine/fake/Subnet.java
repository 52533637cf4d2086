package dev.jcompose.engine.fake;

/** An IPv4 subnet, enough of IPAM for the fake: membership, the gateway (.1) and the n-th host. */
record Subnet(long base, int prefix) {

    static Subnet parse(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new Subnet(address(parts[0]) & mask, prefix);
    }

    static long address(String dotted) {
        String[] octets = dotted.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address: " + dotted);
        }
        long value = 0;
        for (String octet : octets) {
            int n = Integer.parseInt(octet);
            if (n < 0 || n > 255) {
                throw new IllegalArgumentException("invalid IPv4 address: " + dotted);
            }
            value = (value << 8) | n;
        }
        return value;
    }

    static String dotted(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    boolean contains(String ip) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (address(ip) & mask) == base;
    }

    boolean overlaps(Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        long mask = shorter == 0 ? 0 : (0xFFFFFFFFL << (32 - shorter)) & 0xFFFFFFFFL;
        return (base & mask) == (other.base & mask);
    }

    String gateway() {
        return dotted(base + 1);
    }

    /** Host n (2 = first after the gateway); null past the broadcast address. */
    String host(long n) {
        long size = 1L << (32 - prefix);
        return n > 0 && n < size - 1 ? dotted(base + n) : null;
    }

    @Override
    public String toString() {
        return dotted(base) + "/" + prefix;
    }
}
