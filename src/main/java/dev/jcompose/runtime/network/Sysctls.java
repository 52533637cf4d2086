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
}
