package dev.jcompose.engine.fake;

import dev.jcompose.engine.NetworkSpec;
import java.time.Instant;

/** A fake network: its spec, the subnet it hands addresses from, and the next host number to give. */
final class FakeNetwork {
    final String id;
    final String name;
    final NetworkSpec spec;
    final Instant created;
    /** Null for host/none, which have no addresses. */
    final Subnet subnet;
    /** True when the user chose the subnet; only then may containers ask for a fixed address (as in Docker). */
    final boolean userSubnet;
    final String scope;

    FakeNetwork(String id, String name, NetworkSpec spec, Instant created, Subnet subnet, boolean userSubnet) {
        this.id = id;
        this.name = name;
        this.spec = spec;
        this.created = created;
        this.subnet = subnet;
        this.userSubnet = userSubnet;
        this.scope = "local";
    }

    String driver() {
        return spec.driver() == null ? "bridge" : spec.driver();
    }
}
