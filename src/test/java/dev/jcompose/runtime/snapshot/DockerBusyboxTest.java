package dev.jcompose.runtime.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.content.LocalContentStore;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.ImageInspect;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.LoadResult;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real {@code docker save} (of whatever Docker is installed) loads here with the same id and layers,
 * and — as root — unpacks to a root file system where Debian's static busybox runs. The image is made with
 * {@code docker import} of a rootfs holding /bin/busybox, named jct-busybox-rt and removed afterwards.
 */
@Tag("docker")
class DockerBusyboxTest {
    private static final String IMAGE = "jct-busybox-rt:latest";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private Path sandbox;
    private final Mounter mounter = new Mounter();
    private Path target;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed");
        assumeTrue(run(List.of("docker", "info"), null).exit() == 0, "no reachable Docker engine");
        sandbox = Files.createTempDirectory(Path.of("/tmp"), "jcompose-test-");
        target = Files.createDirectories(sandbox.resolve("rootfs"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sandbox == null) {
            return;
        }
        try {
            mounter.unmount(target);
            run(List.of("docker", "rmi", "-f", IMAGE), null);
        } finally {
            OverlaySnapshotter.deleteTree(sandbox);
        }
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> command, Path stdin) throws IOException, InterruptedException {
        Path output = Files.createTempFile("jcompose-test-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.from(stdin.toFile()));
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(output).trim());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Result result = run(command, null);
        assertEquals(0, result.exit(), result.output());
        return result.output();
    }

    @Test
    void aDockerSaveOfBusyboxLoadsWithDockersIdAndRuns() throws Exception {
        byte[] rootfs = new TarBuilder().dir("bin", 0755).file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755)
                .symlink("bin/sh", "busybox").dir("tmp", 01777).build();
        Path rootfsTar = Files.write(sandbox.resolve("rootfs.tar"), rootfs);
        Result imported = run(List.of("docker", "import", "--change", "CMD [\"sh\"]", "-", IMAGE), rootfsTar);
        assertEquals(0, imported.exit(), imported.output());
        Path saved = sandbox.resolve("saved.tar");
        docker("save", "-o", saved.toString(), IMAGE);
        String dockerId = docker("image", "inspect", "--format", "{{.Id}}", IMAGE);
        List<String> dockerLayers = new ObjectMapper().readValue(
                docker("image", "inspect", "--format", "{{json .RootFS.Layers}}", IMAGE), new TypeReference<>() { });

        Path state = sandbox.resolve("state");
        OverlaySnapshotter snapshotter = new OverlaySnapshotter(state);
        ImageStore store = new ImageStore(state, new LocalContentStore(state), snapshotter);
        LoadResult result;
        try (InputStream in = Files.newInputStream(saved)) {
            result = store.load(in);
        }
        assertEquals(List.of("Loaded image: " + IMAGE), result.lines());
        ImageInspect inspect = store.inspect(IMAGE);
        assertEquals(dockerId, inspect.id());
        assertEquals(dockerLayers, inspect.rootFs().layers());
        assertEquals(List.of(Digest.of(rootfs).toString()), inspect.rootFs().layers());
        assertEquals(List.of("sh"), inspect.config().cmd());

        if (!Posix.isRoot()) {
            return;
        }
        mounter.mount(snapshotter.prepare("busybox-container", store.unpack(IMAGE)), target);
        try {
            Result echo = run(List.of("chroot", target.toString(), "/bin/sh", "-c", "echo hello from $0"), null);
            assertEquals(0, echo.exit(), echo.output());
            assertEquals("hello from /bin/sh", echo.output());
            assertTrue(Files.isSymbolicLink(target.resolve("bin/sh")));
        } finally {
            mounter.unmount(target);
        }
    }
}
