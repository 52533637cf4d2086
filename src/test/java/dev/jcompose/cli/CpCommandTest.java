package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cp` through the CLI on the fake engine's container filesystems, both directions. */
class CpCommandTest {
    @TempDir
    Path dir;
    ServiceCli cli;

    @BeforeEach
    void setUp() {
        cli = new ServiceCli(dir, """
                services:
                  web:
                    image: busybox:latest
                """);
        ServiceCli.Result up = cli.run("scale", "web=2");
        assertEquals(0, up.code(), up.err());
    }

    private String read(String container, String path) {
        return cli.fake.files(container).read(path).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse("<missing>");
    }

    @Test
    void fileIntoEveryReplicaThenBackUnderANewName() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "hello");
        ServiceCli.Result in = cli.run("cp", "a.txt", "web:/tmp");
        assertEquals(0, in.code(), in.err());
        assertEquals("hello", read("demo-web-1", "/tmp/a.txt"));
        assertEquals("hello", read("demo-web-2", "/tmp/a.txt"));
        ServiceCli.Result out = cli.run("cp", "web:/tmp/a.txt", "b.txt");
        assertEquals(0, out.code(), out.err());
        assertEquals("hello", Files.readString(dir.resolve("b.txt")));
    }

    @Test
    void directoryRoundTripKeepsTheTree() throws IOException {
        Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(dir.resolve("src/x"), "x");
        Files.writeString(dir.resolve("src/sub/y"), "y");
        assertEquals(0, cli.run("cp", "--index", "1", "src", "web:/tmp/copy").code());
        assertEquals("x", read("demo-web-1", "/tmp/copy/x"));
        assertEquals("y", read("demo-web-1", "/tmp/copy/sub/y"));
        assertEquals("<missing>", read("demo-web-2", "/tmp/copy/x"), "--index picks one replica");
        assertEquals(0, cli.run("cp", "--index", "1", "web:/tmp/copy", "back").code());
        assertEquals("y", Files.readString(dir.resolve("back/sub/y")));
        Files.createDirectories(dir.resolve("existing"));
        assertEquals(0, cli.run("cp", "--index", "1", "web:/tmp/copy/.", "existing").code());
        assertEquals("x", Files.readString(dir.resolve("existing/x")), "SRC/. copies the contents");
        assertEquals(0, cli.run("cp", "--index", "1", "web:/tmp/copy", "existing").code());
        assertEquals("x", Files.readString(dir.resolve("existing/copy/x")), "into an existing directory");
    }

    @Test
    void followLinkCopiesTheTargetUnderTheLinksName() throws IOException {
        cli.fake.files("demo-web-1").write("/tmp/real.txt", "real".getBytes(StandardCharsets.UTF_8))
                .symlink("/tmp/link", "real.txt");
        assertEquals(0, cli.run("cp", "--index", "1", "-L", "web:/tmp/link", "copied").code());
        assertEquals("real", Files.readString(dir.resolve("copied")));
    }

    @Test
    void dashStreamsTarsThroughStdoutAndStdin() throws IOException {
        cli.fake.files("demo-web-1").write("/tmp/a.txt", "A".getBytes(StandardCharsets.UTF_8));
        ServiceCli.Result out = cli.run("--progress", "quiet", "cp", "--index", "1", "web:/tmp/a.txt", "-");
        assertEquals(0, out.code(), out.err());
        assertEquals(List.of("a.txt"), entries(out.out().getBytes(StandardCharsets.ISO_8859_1)));

        cli.stdin = new String(cli.fake.copyFrom("demo-web-1", "/tmp/a.txt").readAllBytes(),
                StandardCharsets.ISO_8859_1);
        assertEquals(0, cli.run("cp", "--index", "2", "-", "web:/etc").code());
        assertEquals("A", read("demo-web-2", "/etc/a.txt"));
        ServiceCli.Result notDir = cli.run("cp", "--index", "2", "-", "web:/etc/a.txt");
        assertEquals(1, notDir.code());
        assertTrue(notDir.err().contains("must be a directory"), notDir.err());
    }

    @Test
    void errorsMatchCompose() {
        ServiceCli.Result missing = cli.run("cp", "web:/nope", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("Could not find the file /nope"), missing.err());
        assertTrue(cli.run("cp", "web:/a", "db:/b").err().contains("copying between services is not supported"));
        assertTrue(cli.run("cp", "a", "b").err().contains("unknown copy direction"));
        assertTrue(cli.run("cp", "x", "db:/tmp").err().contains("no container found for service \"db\""));
        assertTrue(cli.run("cp", "--index", "3", "x", "web:/tmp").err()
                .contains("service \"web\" is not running container #3"));
        ServiceCli.Result noSource = cli.run("cp", "absent.txt", "web:/tmp");
        assertTrue(noSource.err().contains("no such file or directory"), noSource.err());
    }

    @Test
    void aDeviceLikeDestinationIsNeverReplacedByAFile() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "hello");
        assertEquals(0, cli.run("cp", "a.txt", "web:/tmp").code());
        Path fifo = dir.resolve("fifo"); // stands for /dev/null: neither a file nor a directory
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        ServiceCli.Result out = cli.run("cp", "web:/tmp/a.txt", "fifo");
        assertEquals(1, out.code(), out.err());
        assertTrue(out.err().contains("must be a directory or a regular file"), out.err());
        assertTrue(Files.isRegularFile(fifo) == false && Files.exists(fifo), "the FIFO is still there");
    }

    private static List<String> entries(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
