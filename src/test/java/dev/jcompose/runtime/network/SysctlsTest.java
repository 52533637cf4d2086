package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ip_forward against a stand-in /proc/sys. */
class SysctlsTest {
    @TempDir
    Path procSys;

    @Test
    void switchesForwardingOnOnlyWhenOff() throws IOException {
        Path f = procSys.resolve("net/ipv4/ip_forward");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "0\n");
        assertTrue(new Sysctls(procSys).ensureIpForward());
        assertEquals("1", Files.readString(f).strip());
        assertFalse(new Sysctls(procSys).ensureIpForward(), "already on: nothing written");
    }
}
