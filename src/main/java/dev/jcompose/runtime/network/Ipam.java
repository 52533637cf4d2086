package dev.jcompose.runtime.network;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Address allocation for one subnet: a bitmap of used offsets persisted as JSON after every change (crash-safe
 * write), so leases survive a daemon restart. The network address, the broadcast address and the gateway are
 * reserved. Allocation walks forward from the last lease (wrapping) like Docker's allocator, so a just-released
 * address is not handed out again at once while a peer may still hold it in a cache.
 */
public final class Ipam {
    /** On-disk shape; {@code bitmap} is {@link BitSet#toByteArray()} in base64. */
    record State(int version, String subnet, String gateway, long cursor, String bitmap) {
    }

    private static final int VERSION = 1;

    private final Path file;
    private final Ipv4Subnet subnet;
    private final int gateway;
    private final BitSet used;
    private long cursor;

    private Ipam(Path file, Ipv4Subnet subnet, int gateway, BitSet used, long cursor) {
        this.file = file;
        this.subnet = subnet;
        this.gateway = gateway;
        this.used = used;
        this.cursor = cursor;
    }

    /** Loads the leases of {@code file}, or starts an empty map (and writes it) when the file does not exist. */
    public static Ipam open(Path file, Ipv4Subnet subnet, int gateway) {
        if (subnet.prefix() < 8 || subnet.prefix() > 30) {
            throw RuntimeError.badRequest("subnet " + subnet + " must have a prefix length between /8 and /30");
        }
        if (!subnet.contains(gateway) || gateway == subnet.base() || gateway == broadcast(subnet)) {
            throw RuntimeError.badRequest("gateway " + Ipv4.format(gateway) + " is not a host address of " + subnet);
        }
        try {
            if (Files.exists(file)) {
                State s = StateJson.read(file, State.class);
                if (!Ipv4Subnet.parse(s.subnet()).equals(subnet) || Ipv4.parse(s.gateway()) != gateway) {
                    throw new IllegalStateException(file + " holds " + s.subnet() + " gw " + s.gateway()
                            + ", expected " + subnet + " gw " + Ipv4.format(gateway));
                }
                return new Ipam(file, subnet, gateway, BitSet.valueOf(Base64.getDecoder().decode(s.bitmap())), s.cursor());
            }
            BitSet used = new BitSet();
            used.set(0);
            used.set((int) (subnet.size() - 1));
            used.set((int) subnet.offsetOf(gateway));
            Ipam ipam = new Ipam(file, subnet, gateway, used, subnet.offsetOf(gateway));
            ipam.save();
            return ipam;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IPAM state " + file, e);
        }
    }

    private static int broadcast(Ipv4Subnet subnet) {
        return subnet.address(subnet.size() - 1);
    }

    public Ipv4Subnet subnet() {
        return subnet;
    }

    public int gateway() {
        return gateway;
    }

    /** The next free address after the last one handed out. */
    public synchronized int allocate() {
        long size = subnet.size();
        for (long step = 1; step <= size; step++) {
            long offset = (cursor + step) % size;
            if (!used.get((int) offset)) {
                used.set((int) offset);
                cursor = offset;
                save();
                return subnet.address(offset);
            }
        }
        throw new RuntimeError(503, "no available IPv4 addresses on this network's address pools (" + subnet + ")");
    }

    /** Leases exactly {@code requested}; Docker's wording for a foreign or taken address. */
    public synchronized int allocate(int requested) {
        if (!subnet.contains(requested) || requested == subnet.base() || requested == broadcast(subnet)) {
            throw RuntimeError.badRequest("Invalid address " + Ipv4.format(requested)
                    + ": It does not belong to any of this network's subnets");
        }
        int offset = (int) subnet.offsetOf(requested);
        if (used.get(offset)) {
            throw RuntimeError.conflict("Address already in use: " + Ipv4.format(requested));
        }
        used.set(offset);
        save();
        return requested;
    }

    /** Frees a lease; releasing a free address or the gateway is a no-op so teardown can be repeated. */
    public synchronized void release(int address) {
        if (!subnet.contains(address) || address == gateway) {
            return;
        }
        long offset = subnet.offsetOf(address);
        if (offset == 0 || offset == subnet.size() - 1 || !used.get((int) offset)) {
            return;
        }
        used.clear((int) offset);
        save();
    }

    /**
     * Makes the leases exactly {@code inUse} (the addresses of the endpoint records), releasing leaked leases
     * and restoring lost ones; returns whether anything changed. Used by reconcile after a crash.
     */
    public synchronized boolean syncLeases(Collection<Integer> inUse) {
        BitSet wanted = new BitSet();
        wanted.set(0);
        wanted.set((int) (subnet.size() - 1));
        wanted.set((int) subnet.offsetOf(gateway));
        inUse.stream().filter(subnet::contains).forEach(a -> wanted.set((int) subnet.offsetOf(a)));
        if (wanted.equals(used)) {
            return false;
        }
        used.clear();
        used.or(wanted);
        save();
        return true;
    }

    public synchronized boolean isAllocated(int address) {
        return subnet.contains(address) && used.get((int) subnet.offsetOf(address));
    }

    /** Leased container addresses (gateway, network and broadcast excluded), in address order. */
    public synchronized List<String> leases() {
        List<String> out = new ArrayList<>();
        for (int i = used.nextSetBit(1); i >= 0 && i < subnet.size() - 1; i = used.nextSetBit(i + 1)) {
            int address = subnet.address(i);
            if (address != gateway) {
                out.add(Ipv4.format(address));
            }
        }
        return out;
    }

    /** Removes the state file when the network goes. */
    public synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private void save() {
        try {
            StateJson.write(file, new State(VERSION, subnet.toString(), Ipv4.format(gateway), cursor,
                    Base64.getEncoder().encodeToString(used.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write IPAM state " + file, e);
        }
    }
}
