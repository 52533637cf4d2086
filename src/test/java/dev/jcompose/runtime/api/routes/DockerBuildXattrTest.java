package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.PaxRecords;
import dev.jcompose.runtime.testing.ImageArchives;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes through the embedded engine with the real docker CLI, against dockerd: a RUN that sets a
 * file capability (with a byte >= 0x80) and a user.* xattr gives an image whose containers see the capability
 * (a non-root process running the file gets it: CapPrm/CapEff) and not the user.* one, as on dockerd; a saved
 * image moves between the engines both ways with the capability intact; a loaded layer's user.*, trusted.* and
 * security.capability xattrs are all set in the container, as dockerd sets them. xattrs are set and read by a
 * small static C tool compiled here (busybox has no setfattr).
 */
@Tag("root")
class DockerBuildXattrTest {
    private static final Path DOCKERD_SOCKET = Path.of("/var/run/docker.sock");
    /** revision 2, effective; permitted: setgid, setuid (0xc0: not valid UTF-8 alone) and net_raw (0x2000) */
    private static final String CAP = "01000002c0200000000000000000000000000000";
    private static final String DOCKERFILE = """
            FROM jcompose/busybox:latest
            COPY xattr capfile /
            RUN mkdir /cap && cp /bin/busybox /cap/cat && /xattr set /cap/cat security.capability %s \\
                && /xattr set /cap/cat user.note 68656c6c6f
            """.formatted(CAP);
    private static EmbeddedDaemon daemon;
    private static Path tool;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(DockerCli.find() != null, "needs the docker CLI");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "needs gcc (and a static libc) for the xattr tool");
        Path source = tmp.resolve("xattr.c");
        try (InputStream in = DockerBuildXattrTest.class.getResourceAsStream("xattr-tool.c")) {
            Files.write(source, in.readAllBytes());
        }
        tool = tmp.resolve("xattr");
        Process gcc = new ProcessBuilder("/usr/bin/gcc", "-static", "-Os", "-o", tool.toString(), source.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("gcc.log").toFile()).start();
        assumeTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "cannot compile the xattr tool");
        daemon = new EmbeddedDaemon().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static DockerCli cli(URI host) {
        return new DockerCli(DockerCli.find(), host).withEnv(Map.of("DOCKER_BUILDKIT", "0"));
    }

    private static String out(DockerCli.Result r) {
        return "exit " + r.exitCode() + ": " + r.stdout().strip()
                + (r.exitCode() != 0 ? " / " + r.stderr().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                        .orElse("") : "");
    }

    /** What a container of {@code image} shows: the capability and user.* xattr, and the caps of a non-root run. */
    private static Map<String, String> capabilityFacts(DockerCli docker, String image) throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("security.capability", out(docker.run("run", "--rm", image, "/xattr", "get", "/cap/cat",
                "security.capability")));
        facts.put("user.note", out(docker.run("run", "--rm", image, "/xattr", "get", "/cap/cat", "user.note")));
        // a context file's capability is not sent by the CLI / not kept by COPY on dockerd
        facts.put("copied capability", out(docker.run("run", "--rm", image, "/xattr", "get", "/capfile",
                "security.capability")));
        DockerCli.Result status = docker.run("run", "--rm", "--user", "1000", image, "/cap/cat", "/proc/self/status");
        facts.put("non-root caps", status.stdout().lines().filter(l -> l.startsWith("CapPrm") || l.startsWith("CapEff"))
                .collect(Collectors.joining(" ")));
        return facts;
    }

    private Path context() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
        Files.copy(tool, ctx.resolve("xattr"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path capfile = ctx.resolve("capfile");
        Files.copy(tool, capfile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        dev.jcompose.runtime.fs.Posix.setXattr(capfile, "security.capability", HexFormat.of().parseHex(CAP));
        return ctx;
    }

    @Test
    void aCapabilitySetInARunSurvivesTheLayerLikeOnDockerdAndMovesBetweenEngines() throws Exception {
        assumeTrue(Files.exists(DOCKERD_SOCKET), "needs dockerd for the comparison");
        DockerCli embedded = cli(daemon.uri());
        DockerCli dockerd = cli(URI.create("unix://" + DOCKERD_SOCKET));
        String repo = "jct-xattr-" + daemon.tag;
        java.util.Set<String> before = dockerd.containerIds();
        try {
            DockerCli.Result built = embedded.run("build", "-t", repo + ":built", context().toString());
            assertEquals(0, built.exitCode(), built.toString());
            DockerCli.Result onDockerd = dockerd.run("build", "-t", repo + ":built", context().toString());
            assertEquals(0, onDockerd.exitCode(), onDockerd.toString());

            Map<String, String> expected = capabilityFacts(dockerd, repo + ":built");
            assertEquals("exit 0: " + CAP, expected.get("security.capability"), expected.toString());
            assertEquals("CapPrm:\t00000000000020c0 CapEff:\t00000000000020c0", expected.get("non-root caps"));
            assertEquals(expected, capabilityFacts(embedded, repo + ":built"), "embedded build vs dockerd build");

            // the embedded engine's layer in dockerd, and dockerd's layer in the embedded engine
            Path fromEmbedded = tmp.resolve("from-embedded.tar");
            assertEquals(0, embedded.run("save", "-o", fromEmbedded.toString(), repo + ":built").exitCode());
            assertEquals(0, dockerd.run("rmi", repo + ":built").exitCode());
            DockerCli.Result loaded = dockerd.run("load", "-i", fromEmbedded.toString());
            assertEquals(0, loaded.exitCode(), loaded.toString());
            assertEquals(expected, capabilityFacts(dockerd, repo + ":built"), "embedded-built image on dockerd");

            Path fromDockerd = tmp.resolve("from-dockerd.tar");
            assertEquals(0, dockerd.run("tag", repo + ":built", repo + ":dockerd").exitCode());
            dockerd.run("rmi", repo + ":built");
            assertEquals(0, dockerd.run("build", "-t", repo + ":dockerd", context().toString()).exitCode());
            assertEquals(0, dockerd.run("save", "-o", fromDockerd.toString(), repo + ":dockerd").exitCode());
            DockerCli.Result loadedHere = embedded.run("load", "-i", fromDockerd.toString());
            assertEquals(0, loadedHere.exitCode(), loadedHere.toString());
            assertEquals(expected, capabilityFacts(embedded, repo + ":dockerd"), "dockerd-built image on embedded");
        } finally {
            dockerd.removeBuildLeftovers(before);
            dockerd.run("rmi", "-f", repo + ":built", repo + ":dockerd");
        }
    }

    @Test
    void aLoadedLayersXattrsAreSetLikeOnDockerd() throws Exception {
        assumeTrue(Files.exists(DOCKERD_SOCKET), "needs dockerd for the comparison");
        String repo = "jct-xattr-load-" + daemon.tag;
        byte[] layer = layerWithXattrs();
        byte[] config = ImageArchives.config(List.of(layer), Map.of(), List.of("/xattr"), "2024-01-02T03:04:05Z");
        Path archive = tmp.resolve("crafted.tar");
        Files.write(archive, ImageArchives.archive(ImageArchives.Format.DOCKER_LEGACY, config, List.of(layer),
                List.of(repo + ":latest")));
        DockerCli embedded = cli(daemon.uri());
        DockerCli dockerd = cli(URI.create("unix://" + DOCKERD_SOCKET));
        try {
            Map<String, String> onEmbedded = loadedFacts(embedded, archive, repo);
            Map<String, String> onDockerd = loadedFacts(dockerd, archive, repo);
            assertEquals("exit 0: " + CAP, onDockerd.get("security.capability"), onDockerd.toString());
            assertEquals(onDockerd, onEmbedded);
            assertTrue(onEmbedded.get("trusted.note").startsWith("exit 0:"), onEmbedded.toString());
        } finally {
            dockerd.run("rmi", "-f", repo + ":latest");
        }
    }

    private static Map<String, String> loadedFacts(DockerCli docker, Path archive, String repo) throws Exception {
        DockerCli.Result load = docker.run("load", "-i", archive.toString());
        assertEquals(0, load.exitCode(), load.toString());
        Map<String, String> facts = new LinkedHashMap<>();
        for (String name : List.of("security.capability", "user.note", "user.binary", "trusted.note")) {
            // trusted.* is visible to CAP_SYS_ADMIN only
            facts.put(name, out(docker.run("run", "--rm", "--cap-add", "SYS_ADMIN", repo, "/xattr", "get", "/f", name)));
        }
        return facts;
    }

    /** One layer: the tool, a file /f whose PAX header carries xattrs as Go writes them (raw bytes). */
    private static byte[] layerWithXattrs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
            for (String dir : List.of("proc/", "dev/", "sys/", "etc/")) {
                TarArchiveEntry d = new TarArchiveEntry(dir);
                d.setMode(040755);
                d.setModTime(0);
                tar.putArchiveEntry(d);
                tar.closeArchiveEntry();
            }
            byte[] binary = Files.readAllBytes(tool);
            TarArchiveEntry x = new TarArchiveEntry("xattr");
            x.setMode(0100755);
            x.setSize(binary.length);
            x.setModTime(0);
            tar.putArchiveEntry(x);
            tar.write(binary);
            tar.closeArchiveEntry();
            Map<String, byte[]> records = new LinkedHashMap<>();
            records.put(PaxRecords.XATTR_PREFIX + "security.capability", HexFormat.of().parseHex(CAP));
            records.put(PaxRecords.XATTR_PREFIX + "user.note", "hello".getBytes(StandardCharsets.UTF_8));
            records.put(PaxRecords.XATTR_PREFIX + "user.binary", new byte[] {(byte) 0xff, 0, (byte) 0x80, 1});
            records.put(PaxRecords.XATTR_PREFIX + "trusted.note", "tr".getBytes(StandardCharsets.UTF_8));
            byte[] pax = PaxRecords.encode(records);
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders.0/f", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            header.setSize(pax.length);
            header.setModTime(0);
            tar.putArchiveEntry(header);
            tar.write(pax);
            tar.closeArchiveEntry();
            TarArchiveEntry f = new TarArchiveEntry("f");
            f.setMode(0100644);
            f.setSize(3);
            f.setModTime(0);
            tar.putArchiveEntry(f);
            tar.write("hi\n".getBytes(StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
        }
        byte[] layer = bytes.toByteArray();
        assertTrue(Digest.of(layer).hex().length() == 64);
        return layer;
    }
}
