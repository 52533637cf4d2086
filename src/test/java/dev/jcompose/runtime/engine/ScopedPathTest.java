package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.runtime.oci.UserSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths inside a rootfs resolve like the container sees them and never leave it; users resolve through them. */
class ScopedPathTest {
    @TempDir
    Path rootfs;

    @Test
    void symlinksResolveInsideTheRoot() throws Exception {
        Files.createDirectories(rootfs.resolve("real/etc"));
        Files.createSymbolicLink(rootfs.resolve("etc"), Path.of("/real/etc"));
        Files.createSymbolicLink(rootfs.resolve("up"), Path.of("../../../../.."));
        Files.createSymbolicLink(rootfs.resolve("host"), Path.of("/etc/passwd"));
        assertEquals(rootfs.resolve("real/etc/hosts"), ScopedPath.resolve(rootfs, "/etc/hosts"));
        assertEquals(rootfs, ScopedPath.resolve(rootfs, "/up"));
        assertEquals(rootfs.resolve("real"), ScopedPath.resolve(rootfs, "/up/up/../etc/.."),
                "never above the root; .. after a link is taken from the link's target");
        assertEquals(rootfs.resolve("real/etc/passwd"), ScopedPath.resolve(rootfs, "/host"));
    }

    @Test
    void aLinkLoopIsRefused() throws Exception {
        Files.createSymbolicLink(rootfs.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(rootfs.resolve("b"), Path.of("a"));
        org.junit.jupiter.api.Assertions.assertThrows(dev.jcompose.runtime.RuntimeError.class,
                () -> ScopedPath.resolve(rootfs, "/a"));
    }

    @Test
    void usersResolveAgainstTheImagesFilesNotTheHosts() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1001:\nextra:x:2000:app,other\nweb:x:33:\n");
        UserResolver users = UserResolver.forRootfs(rootfs);
        assertEquals(new UserSpec(0, 0, List.of()), users.resolve("", List.of()));
        assertEquals(new UserSpec(1000, 1001, List.of(2000)), users.resolve("app", List.of()));
        assertEquals(new UserSpec(1000, 33, List.of()), users.resolve("app:web", List.of()));
        assertEquals(new UserSpec(1000, 1001, List.of(2000)), users.resolve("1000", List.of()));
        assertEquals(new UserSpec(4242, 0, List.of(33, 7)), users.resolve("4242", List.of("web", "7")));
        assertEquals(500, org.junit.jupiter.api.Assertions.assertThrows(dev.jcompose.runtime.RuntimeError.class,
                () -> users.resolve("nobody-here", List.of())).status());
    }

    @Test
    void aPasswdLinkedToTheHostReadsNothingOfTheHost() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd"));
        // inside the rootfs /etc/passwd -> /etc/passwd is a loop: the host's file is never read
        assertEquals(500, org.junit.jupiter.api.Assertions.assertThrows(dev.jcompose.runtime.RuntimeError.class,
                () -> UserResolver.forRootfs(rootfs).resolve("daemon", List.of())).status());
    }
}
