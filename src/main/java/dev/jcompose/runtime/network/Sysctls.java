package dev.jcompose.runtime.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Host sysctls bridge networking needs; read and written through /proc/sys (a directory tests can fake). */
final class Sysctls {
    private final Path procSys;

    Sysctls(Path procSys) {
        this.procSys = procSys;
    }

    /**
     * NAT'd traffic out of a bridge needs forwarding on, as dockerd also ensures. Returns whether it had to be
     * switched on.
     */
    boolean ensureIpForward() throws IOException {
        Path f = procSys.resolve("net/ipv4/ip_forward");
        if (Files.readString(f).strip().equals("1")) {
            return false;
        }
        Files.writeString(f, "1\n");
        return true;
    }

    /**
     * {@code net.ipv4.conf.<bridge>.route_localnet}: DNAT of 127.0.0.1 to a container sends a packet with a
     * loopback source out of the bridge, which the kernel drops as martian unless this is 1 (dockerd sets it
     * when the userland proxy is off). With the proxy nothing needs it, so a 1 left by an earlier DNAT-mode run is
     * put back to 0. Returns whether the value was changed; a missing bridge entry is an error only when
     * {@code on} is asked.
     */
    boolean routeLocalnet(String bridge, boolean on) throws IOException {
        Path f = procSys.resolve("net/ipv4/conf").resolve(bridge).resolve("route_localnet");
        if (!on && !Files.exists(f)) {
            return false;
        }
        String want = on ? "1" : "0";
        if (Files.readString(f).strip().equals(want)) {
            return false;
        }
        Files.writeString(f, want + "\n");
        return true;
    }
}
