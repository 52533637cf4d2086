package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Chooses subnets for new networks. The pools are Docker's default address pools (172.17.0.0/16 … 172.31.0.0/16,
 * then 192.168.0.0/16), each carved into /24s taken in address order: the first /24 that overlaps nothing on the
 * host (routes, interface addresses: dockerd's bridges show up there too) and no existing network wins. A /24 per
 * network (254 endpoints) leaves room for thousands of networks before the pools run dry, and the choice is
 * deterministic, so tests and golden files are stable.
 */
public final class PoolPicker {
    public static final List<Ipv4Subnet> DEFAULT_POOLS = defaultPools();
    public static final int DEFAULT_SIZE = 24;

    private final List<Ipv4Subnet> pools;
    private final int size;

    public PoolPicker(List<Ipv4Subnet> pools, int size) {
        for (Ipv4Subnet pool : pools) {
            if (pool.prefix() > size) {
                throw new IllegalArgumentException("pool " + pool + " is smaller than /" + size);
            }
        }
        this.pools = List.copyOf(pools);
        this.size = size;
    }

    public static PoolPicker defaults() {
        return new PoolPicker(DEFAULT_POOLS, DEFAULT_SIZE);
    }

    private static List<Ipv4Subnet> defaultPools() {
        List<Ipv4Subnet> pools = new ArrayList<>();
        for (int second = 17; second <= 31; second++) {
            pools.add(Ipv4Subnet.parse("172." + second + ".0.0/16"));
        }
        pools.add(Ipv4Subnet.parse("192.168.0.0/16"));
        return List.copyOf(pools);
    }

    /** The first candidate overlapping nothing in {@code taken}. */
    public Ipv4Subnet pick(Collection<Ipv4Subnet> taken) {
        for (Ipv4Subnet pool : pools) {
            long count = 1L << (size - pool.prefix());
            long step = 1L << (32 - size);
            for (long i = 0; i < count; i++) {
                Ipv4Subnet candidate = new Ipv4Subnet(pool.base() + (int) (i * step), size);
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    return candidate;
                }
            }
        }
        throw RuntimeError.badRequest("could not find an available, non-overlapping IPv4 address pool among the"
                + " defaults to assign to the network");
    }

    /**
     * A subnet the user asked for must not overlap an existing network or a route of the host: the bridge's own
     * route would shadow (or be shadowed by) the other one and traffic would go astray. 403 as in Docker.
     */
    public static void checkRequested(Ipv4Subnet requested, Collection<Ipv4Subnet> taken) {
        for (Ipv4Subnet t : taken) {
            if (t.overlaps(requested)) {
                throw new RuntimeError(403, "Pool overlaps with other one on this address space (" + requested
                        + " overlaps " + t + ")");
            }
        }
    }
}
