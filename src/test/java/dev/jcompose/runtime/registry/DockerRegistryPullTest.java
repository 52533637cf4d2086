package dev.jcompose.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.daemon.DaemonConfig;
import dev.jcompose.runtime.daemon.EngineDaemon;
import dev.jcompose.runtime.daemon.StandardDaemon;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.testing.BusyboxImage;
import dev.jcompose.runtime.testing.DockerCommand;
import dev.jcompose.runtime.testing.FakeRegistry;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.RegistryProcess;
import dev.jcompose.runtime.testing.RegistryPush;
import dev.jcompose.runtime.testing.TarBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pulls into the embedded engine from Debian's docker-registry (distribution 2.8) on loopback: an image
 * pushed by dockerd (Docker schema 2, gzip) — or, without dockerd, pushed over the registry API — through the
 * docker CLI; an OCI index with zstd layers through docker-java; and a registry with htpasswd auth after
 * {@code docker login} against the embedded engine.
 */
@Tag("root")
class DockerRegistryPullTest {
    private Path dir;
    private EngineDaemon daemon;
    private DaemonConfig config;
    private DockerCommand docker;
    private final List<AutoCloseable> cleanups = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(RegistryProcess.available(), "docker-registry is not installed");
        assumeTrue(DockerCommand.available(), "the docker CLI is not installed");
        dir = Files.createTempDirectory("jct-registry-");
        config = new DaemonConfig(dir.resolve("root"), dir.resolve("run"), dir.resolve("run/engine.sock"));
        daemon = StandardDaemon.create(config).start();
        docker = new DockerCommand("unix://" + config.socket(), Files.createDirectories(dir.resolve("docker-config")),
                dir.resolve("out"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable cleanup : cleanups.reversed()) {
            try {
                cleanup.close();
            } catch (Exception e) {
                // keep cleaning up the rest
            }
        }
        if (daemon != null) {
            daemon.close();
        }
        if (dir != null) {
            PathUtils.deleteDirectory(dir);
        }
    }

    private RegistryProcess registry(String name, boolean auth) throws Exception {
        RegistryProcess registry = RegistryProcess.start(dir.resolve(name), auth);
        cleanups.add(registry);
        return registry;
    }

    /** busybox into the registry as repo:1; returns the image id dockerd or the archive has. */
    private String pushBusybox(RegistryProcess registry, String repo, boolean auth) throws Exception {
        Path archive = dir.resolve("busybox.tar");
        boolean fromDockerd = BusyboxImage.available() && BusyboxImage.save(archive);
        String target = registry.domain() + "/" + repo + ":1";
        if (fromDockerd) {
            DockerCommand dockerd = new DockerCommand(null, dir.resolve("docker-config"), dir.resolve("out"));
            dockerd.run("tag", BusyboxImage.TAG, target).ok();
            cleanups.add(() -> dockerd.run("rmi", target));
            dockerd.run("push", target).ok();
            return dockerd.run("image", "inspect", "--format", "{{.Id}}", target).ok().out();
        }
        // Without dockerd: a small image straight into the registry over its HTTP API.
        byte[] layer = new TarBuilder().dir("etc", 0755).file("etc/hostname", "jct\n", 0644).build();
        byte[] blob = TarBuilder.gzip(layer);
        byte[] imageConfig = ImageArchives.config(List.of(layer), Map.of(), List.of("sh"), "2025-01-01T00:00:00Z");
        RegistryPush push = new RegistryPush(registry.domain(), auth ? RegistryProcess.USER : null,
                RegistryProcess.PASSWORD);
        push.blob(repo, blob);
        push.blob(repo, imageConfig);
        push.manifest(repo, "1", MediaTypes.DOCKER_MANIFEST, FakeRegistry.imageManifest(MediaTypes.DOCKER_MANIFEST,
                MediaTypes.DOCKER_CONFIG, imageConfig, List.of(blob), List.of(MediaTypes.DOCKER_LAYER_GZIP)));
        return Digest.of(imageConfig).toString();
    }

    @Test
    void dockerPullFromAnAnonymousRegistry() throws Exception {
        RegistryProcess registry = registry("anonymous", false);
        String id = pushBusybox(registry, "jct-busybox", false);
        String ref = registry.domain() + "/jct-busybox:1";
        DockerCommand.Result pull = docker.run("pull", ref).ok();
        assertTrue(pull.out().contains("1: Pulling from jct-busybox"), pull.out());
        assertTrue(pull.out().contains("Status: Downloaded newer image for " + ref), pull.out());
        assertEquals(id, docker.run("image", "inspect", "--format", "{{.Id}}", ref).ok().out());
        String digests = docker.run("images", "--digests", "--format", "{{.Repository}} {{.Digest}}").ok().out();
        assertTrue(digests.matches(java.util.regex.Pattern.quote(registry.domain() + "/jct-busybox")
                + " sha256:[a-f0-9]{64}"), digests);
        assertTrue(docker.run("pull", ref).ok().out().contains("Status: Image is up to date for " + ref));
        DockerCommand.Result missing = docker.run("pull", registry.domain() + "/jct-busybox:2");
        assertEquals(1, missing.exit());
        assertEquals("Error response from daemon: manifest for " + registry.domain()
                + "/jct-busybox:2 not found: manifest unknown: manifest unknown", missing.err());
    }

    @Test
    void ociIndexWithZstdLayersPicksAmd64ThroughDockerJava() throws Exception {
        RegistryProcess registry = registry("oci", false);
        RegistryPush push = new RegistryPush(registry.domain(), null, null);
        List<byte[]> manifests = new ArrayList<>();
        List<Digest> configs = new ArrayList<>();
        for (String arch : List.of("arm64", "amd64")) {
            byte[] layer = new TarBuilder().dir("etc", 0755).file("etc/arch", arch, 0644).build();
            byte[] blob = com.github.luben.zstd.Zstd.compress(layer);
            byte[] imageConfig = ImageArchives.config(List.of(layer), Map.of("arch", arch), List.of("sh"),
                    "2025-01-01T00:00:00Z");
            push.blob("jct-multi", blob);
            configs.add(push.blob("jct-multi", imageConfig));
            byte[] manifest = FakeRegistry.imageManifest(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, imageConfig,
                    List.of(blob), List.of(MediaTypes.OCI_LAYER_ZSTD));
            push.manifest("jct-multi", Digest.of(manifest).toString(), MediaTypes.OCI_MANIFEST, manifest);
            manifests.add(manifest);
        }
        byte[] index = FakeRegistry.index(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, manifests,
                List.of("linux/arm64/v8", "linux/amd64"));
        Digest indexDigest = push.manifest("jct-multi", "1", MediaTypes.OCI_INDEX, index);
        String ref = registry.domain() + "/jct-multi:1";
        List<String> progress = new ArrayList<>();
        try (DockerEngine engine = new DockerEngine(DockerEngine.Options.of(URI.create("unix://" + config.socket())))) {
            engine.pullImage(ref, progress::add);
            ImageInfo info = engine.inspectImage(ref);
            assertEquals(configs.get(1).toString(), info.id());
            assertEquals(List.of(registry.domain() + "/jct-multi@" + indexDigest), info.repoDigests());
        }
        assertTrue(String.join("\n", progress).contains("Downloaded newer image"), progress.toString());
    }

    @Test
    void loginAgainstTheEmbeddedEngineThenPullFromAnAuthenticatedRegistry() throws Exception {
        RegistryProcess registry = registry("auth", true);
        Path password = dir.resolve("password");
        Files.writeString(password, RegistryProcess.PASSWORD);
        DockerCommand.Result wrong = docker.run("login", "-u", RegistryProcess.USER, "-p", "not-it", registry.domain());
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().contains("401 Unauthorized"), wrong.err());
        DockerCommand.Result login = docker.run(password, "login", "-u", RegistryProcess.USER, "--password-stdin",
                registry.domain()).ok();
        assertTrue(login.out().endsWith("Login Succeeded"), login.out());
        String id = pushBusybox(registry, "jct-private", true);
        String ref = registry.domain() + "/jct-private:1";
        DockerCommand anonymous = new DockerCommand(docker.host(), Files.createDirectories(dir.resolve("no-login")),
                dir.resolve("out"));
        DockerCommand.Result refused = anonymous.run("pull", ref);
        assertEquals(1, refused.exit());
        assertEquals("Error response from daemon: Get \"http://" + registry.domain()
                + "/v2/jct-private/manifests/1\": no basic auth credentials", refused.err());
        docker.run("pull", ref).ok();
        assertEquals(id, docker.run("image", "inspect", "--format", "{{.Id}}", ref).ok().out());
    }
}
