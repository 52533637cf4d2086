package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI's {@code docker cp} against the embedded daemon, compared with the same commands against
 * dockerd (same busybox image): files, directories, {@code dir/.}, into a volume, a symlink in the container
 * (copied as a link, and followed with -L), stdout tars, a created and then a running container, errors.
 */
@Tag("root")
class DockerCpTest {
    private static final Path DOCKERD_SOCKET = Path.of("/var/run/docker.sock");
    private EmbeddedDaemon daemon;
    private DockerCli embedded;
    private final List<Runnable> dockerdCleanup = new ArrayList<>();
    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        daemon = new EmbeddedDaemon().start();
        embedded = new DockerCli(binary, daemon.uri());
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(tmp.resolve("src/a.txt"), "alpha\n");
        Files.writeString(tmp.resolve("src/sub/b.txt"), "beta\n");
        Files.createSymbolicLink(tmp.resolve("src/lnk"), Path.of("a.txt"));
        Files.createSymbolicLink(tmp.resolve("src/dl"), Path.of("sub"));
        Files.setPosixFilePermissions(tmp.resolve("src/sub/b.txt"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxr-x---"));
        assertTrue(Files.isDirectory(src));
    }

    @AfterEach
    void stop() throws Exception {
        dockerdCleanup.forEach(Runnable::run);
        if (daemon != null) {
            daemon.close();
        }
    }

    private DockerCli dockerd() {
        assumeTrue(Files.exists(DOCKERD_SOCKET), "needs dockerd for the comparison");
        return new DockerCli(DockerCli.find(), java.net.URI.create("unix://" + DOCKERD_SOCKET));
    }

    /** One scenario on one engine; the lines describe every observable result except times. */
    private List<String> scenario(DockerCli docker, String name, Path out) throws Exception {
        List<String> seen = new ArrayList<>();
        String volume = name + "-vol";
        ok(docker, "create", "--name", name, "-v", volume + ":/vol", EmbeddedDaemon.BUSYBOX, "sleep", "1000");
        String src = tmp.resolve("src").toString();
        ok(docker, "cp", src + "/a.txt", name + ":/tmp/");
        ok(docker, "cp", src, name + ":/tmp/d1");
        ok(docker, "cp", src + "/.", name + ":/tmp/d2");
        ok(docker, "cp", src, name + ":/vol/");
        ok(docker, "cp", src + "/sub/b.txt", name + ":/tmp/renamed.txt");
        Files.createDirectories(out);
        ok(docker, "cp", name + ":/tmp/d1", out + "/d1");
        ok(docker, "cp", name + ":/tmp/d1/.", out + "/d1dot");
        ok(docker, "cp", name + ":/vol/src", out + "/fromvol");
        ok(docker, "cp", name + ":/bin/sh", out + "/sh");
        ok(docker, "cp", "-L", name + ":/bin/sh", out + "/shL");
        ok(docker, "cp", name + ":/tmp/renamed.txt", out + "/");
        // symlinks inside the container: a path through a linked directory, a copy into it, onto a file link
        ok(docker, "cp", name + ":/tmp/d1/dl/b.txt", out + "/via-dl.txt");
        ok(docker, "cp", src + "/a.txt", name + ":/tmp/d1/dl/");
        ok(docker, "cp", src + "/sub/b.txt", name + ":/tmp/d2/lnk");
        ok(docker, "cp", name + ":/tmp/d1/dl", out + "/dl-itself");
        DockerCli.Result missing = docker.run("cp", name + ":/nope", out + "/x");
        seen.add("missing: exit " + missing.exitCode() + " " + missing.stderr().replace(name, "NAME").strip());
        DockerCli.Result notDir = docker.run("cp", src + "/a.txt", name + ":/tmp/a.txt/");
        seen.add("into a file: exit " + notDir.exitCode());
        ok(docker, "start", name);
        ok(docker, "cp", src + "/a.txt", name + ":/tmp/running.txt");
        ok(docker, "cp", name + ":/tmp/running.txt", out + "/running.txt");
        ok(docker, "cp", name + ":/etc/hostname", out + "/hostname");
        seen.add("hostname length " + Files.readString(out.resolve("hostname")).strip().length());
        Files.delete(out.resolve("hostname"));
        String inside = ok(docker, "exec", name, "sh", "-c",
                "cd / && find tmp vol | sort | while read f; do stat -c '%n %F %s %a %u:%g' \"$f\"; done").stdout();
        seen.addAll(inside.lines().toList());
        seen.addAll(hostTree(out));
        return seen;
    }

    /** Path, type, size, mode and link target of everything under {@code dir}. */
    private static List<String> hostTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.sorted().map(p -> {
                try {
                    String rel = dir.relativize(p).toString();
                    if (Files.isSymbolicLink(p)) {
                        return "host " + rel + " -> " + Files.readSymbolicLink(p);
                    }
                    String perms = java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    return "host " + rel + (Files.isDirectory(p) ? " dir " : " file " + Files.size(p) + " ") + perms;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static DockerCli.Result ok(DockerCli docker, String... args) throws Exception {
        DockerCli.Result r = docker.run(args);
        assertEquals(0, r.exitCode(), "docker " + String.join(" ", args) + ": " + r);
        return r;
    }

    @Test
    void dockerCpBehavesLikeDockerd() throws Exception {
        DockerCli reference = dockerd();
        String name = "jct-cp-" + daemon.tag;
        dockerdCleanup.add(() -> quietly(reference, "rm", "-f", "-v", name));
        dockerdCleanup.add(() -> quietly(reference, "volume", "rm", name + "-vol"));
        List<String> expected = scenario(reference, name, tmp.resolve("out-dockerd"));
        List<String> actual = scenario(embedded, name, tmp.resolve("out-embedded"));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertTrue(expected.stream().anyMatch(l -> l.startsWith("host shL file")), "the -L copy is a file");
        assertTrue(expected.contains("host sh -> busybox"), "the plain copy is the link");
    }

    @Test
    void aRunningContainersTmpfsIsReachable() throws Exception {
        ok(embedded, "run", "-d", "--name", "jct-cp-tmpfs", "--tmpfs", "/scratch", EmbeddedDaemon.BUSYBOX,
                "sleep", "1000");
        ok(embedded, "cp", tmp.resolve("src").toString(), "jct-cp-tmpfs:/scratch/in");
        assertEquals("beta", ok(embedded, "exec", "jct-cp-tmpfs", "cat", "/scratch/in/sub/b.txt").stdout().strip());
        ok(embedded, "exec", "jct-cp-tmpfs", "sh", "-c", "echo made-inside > /scratch/made");
        ok(embedded, "cp", "jct-cp-tmpfs:/scratch/made", tmp.resolve("made").toString());
        assertEquals("made-inside", Files.readString(tmp.resolve("made")).strip());
    }

    @Test
    void readOnlyRootfsAndReadOnlyMountsRefuseWrites() throws Exception {
        Path bind = Files.createDirectories(tmp.resolve("bind"));
        ok(embedded, "create", "--name", "jct-cp-ro", "--read-only", "-v", bind + ":/ro:ro", "-v",
                bind + ":/rw", EmbeddedDaemon.BUSYBOX, "true");
        String file = tmp.resolve("src/a.txt").toString();
        DockerCli.Result root = embedded.run("cp", file, "jct-cp-ro:/tmp/");
        assertNotEquals(0, root.exitCode());
        assertTrue(root.stderr().contains("container rootfs is marked read-only"), root.toString());
        DockerCli.Result ro = embedded.run("cp", file, "jct-cp-ro:/ro/");
        assertNotEquals(0, ro.exitCode());
        assertTrue(ro.stderr().contains("mounted volume is marked read-only"), ro.toString());
        ok(embedded, "cp", file, "jct-cp-ro:/rw/");
        assertEquals("alpha", Files.readString(bind.resolve("a.txt")).strip(), "a writable bind takes the copy");
    }

    @Test
    void exportAndTopAnswer() throws Exception {
        ok(embedded, "run", "-d", "--name", "jct-cp-top", EmbeddedDaemon.BUSYBOX, "sleep", "1000");
        String top = ok(embedded, "top", "jct-cp-top").stdout();
        assertTrue(top.lines().findFirst().orElse("").matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"),
                top);
        assertTrue(top.contains("sleep 1000"), top);
        Path tar = tmp.resolve("export.tar");
        ok(embedded, "export", "-o", tar.toString(), "jct-cp-top");
        Process list = new ProcessBuilder("tar", "tf", tar.toString()).redirectErrorStream(true).start();
        List<String> names = new String(list.getInputStream().readAllBytes()).lines().toList();
        assertTrue(names.contains("bin/busybox") && names.contains("etc/passwd"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("/") || n.startsWith("./")), names.toString());
    }

    private static void quietly(DockerCli docker, String... args) {
        try {
            docker.run(args);
        } catch (Exception e) {
            // cleanup of the reference engine: best effort
        }
    }
}
