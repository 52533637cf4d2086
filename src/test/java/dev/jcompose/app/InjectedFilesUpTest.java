package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import dev.jcompose.state.ConfigHash;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets and configs from environment: and content: are written into the container before it starts (compose's
 * injectSecrets / injectConfigs), with compose's targets, modes and owners, and a changed content recreates.
 */
class InjectedFilesUpTest {
    static final String STACK = """
            services:
              app:
                image: busybox:latest
                secrets:
                  - token
                  - source: token
                    target: relative.txt
                    uid: "1000"
                    gid: "1001"
                    mode: 0400
                configs:
                  - motd
                  - source: motd
                    target: /etc/app/motd.conf
            secrets:
              token:
                environment: TOKEN
            configs:
              motd:
                content: |
                  hello ${WHO}
            """;

    static final ProgressListener QUIET = e -> { };

    @TempDir
    Path dir;
    FakeEngine fake;
    Map<String, String> env;

    @BeforeEach
    void setUp() {
        fake = new FakeEngine();
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        env = new HashMap<>(Map.of("JCOMPOSE_LOCK_WAIT", "5", "TOKEN", "s3cret", "WHO", "world"));
    }

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        return ProjectLoader.load(LoadOptions.defaults(dir, Map.copyOf(env)).withProjectName("demo")).project();
    }

    private ComposeApp app(Project p) {
        return new ComposeApp(new EngineSelector.Selected(fake, "fake", URI.create("fake:/"), false), p,
                QUIET, -1, Map.copyOf(env));
    }

    private String appId() {
        List<ContainerSummary> found = fake.listContainers(List.of("com.docker.compose.service=app"), true);
        assertEquals(1, found.size());
        return found.getFirst().id();
    }

    /** The single file at {@code path} as the engine archives it: mode, uid, gid and content. */
    private String file(String id, String path) throws IOException {
        try (InputStream in = fake.copyFrom(id, path); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e = tar.getNextEntry();
            String content = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
            return Integer.toOctalString(e.getMode() & 07777) + " " + e.getLongUserId() + ":" + e.getLongGroupId()
                    + " " + content;
        }
    }

    @Test
    void writesSecretsAndConfigsAtComposeTargetsBeforeStart() throws IOException {
        app(load(STACK)).up(UpRequest.defaults());
        String id = appId();
        assertTrue(fake.inspectContainer(id).state().isUp());
        assertEquals("444 0:0 s3cret", file(id, "/run/secrets/token"));
        assertEquals("400 1000:1001 s3cret", file(id, "/run/secrets/relative.txt"));
        assertEquals("444 0:0 hello world\n", file(id, "/motd"));
        assertEquals("444 0:0 hello world\n", file(id, "/etc/app/motd.conf"));
        // not bind mounts: nothing of them in the container's mounts
        assertTrue(fake.inspectContainer(id).mounts().isEmpty());
    }

    @Test
    void secondUpKeepsTheContainerAndChangedContentRecreatesIt() throws IOException {
        app(load(STACK)).up(UpRequest.defaults());
        String first = appId();
        app(load(STACK)).up(UpRequest.defaults());
        assertEquals(first, appId(), "same content: nothing to recreate");

        env.put("TOKEN", "rotated");
        app(load(STACK)).up(UpRequest.defaults());
        String second = appId();
        assertNotEquals(first, second, "a changed secret variable recreates");
        assertEquals("444 0:0 rotated", file(second, "/run/secrets/token"));

        env.put("WHO", "moon");
        app(load(STACK)).up(UpRequest.defaults());
        String third = appId();
        assertNotEquals(second, third, "a changed config content recreates");
        assertEquals("444 0:0 hello moon\n", file(third, "/motd"));
    }

    @Test
    void unsetVariableFailsBeforeAnyContainerIsCreated() throws IOException {
        env.remove("TOKEN");
        Project p = load(STACK);
        ComposeException e = assertThrows(ComposeException.class, () -> app(p).up(UpRequest.defaults()));
        assertTrue(e.getMessage().contains("environment variable \"TOKEN\" required by secret \"demo_token\" is not"
                + " set"), e.getMessage());
        assertTrue(fake.listContainers(List.of("com.docker.compose.service=app"), true).isEmpty());
    }

    @Test
    void readOnlyServiceRefusesWrittenFiles() throws IOException {
        Project p = load(STACK.replace("    image: busybox:latest\n", "    image: busybox:latest\n    read_only: true\n"));
        ComposeException e = assertThrows(ComposeException.class, () -> app(p).up(UpRequest.defaults()));
        assertTrue(e.getMessage().contains("cannot create secret \"demo_token\" in read-only service app: `file` is"
                + " the sole supported option"), e.getMessage());
    }

    @Test
    void startAfterStopWritesTheFilesAgain() throws IOException {
        Project p = load(STACK);
        app(p).up(UpRequest.defaults());
        String id = appId();
        fake.stopContainer(id, null);
        fake.files(id).write("/run/secrets/token", "tampered".getBytes(StandardCharsets.UTF_8));
        new ContainerLifecycle(new EngineSelector.Selected(fake, "fake", URI.create("fake:/"), false), "demo", p,
                QUIET, -1).start(List.of());
        assertEquals("444 0:0 s3cret", file(id, "/run/secrets/token"));
    }

    @Test
    void fileSourcesStayBindMounts() throws IOException {
        Files.writeString(dir.resolve("pw.txt"), "pw");
        app(load("""
                services:
                  app:
                    image: busybox:latest
                    secrets: [pw]
                secrets:
                  pw:
                    file: ./pw.txt
                """)).up(UpRequest.defaults());
        String id = appId();
        assertEquals(1, fake.inspectContainer(id).mounts().size());
        assertFalse(fake.files(id).read("/run/secrets/pw").isPresent());
    }

    @Test
    void hashOfAServiceWithoutWrittenFilesIsThePlainHash() throws IOException {
        Project p = load(STACK.replace("\nsecrets:\n", "\n  other:\n    image: busybox:latest\nsecrets:\n"));
        assertEquals(ConfigHash.of(p.service("other")), ConfigHash.of(p, p.service("other")),
                "containers made before written files were hashed keep their hash");
        assertNotEquals(ConfigHash.of(p.service("app")), ConfigHash.of(p, p.service("app")));
    }
}
