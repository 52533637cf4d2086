package dev.jcompose.load.include;

import static dev.jcompose.load.testing.Assembly.COMPOSE_GO;
import static dev.jcompose.load.testing.Assembly.CORPUS;
import static dev.jcompose.load.testing.Assembly.at;
import static dev.jcompose.load.testing.Assembly.inline;
import static dev.jcompose.load.testing.Assembly.load;
import static dev.jcompose.load.testing.Assembly.needsOtherPhases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include, with the compose-go loader/testdata fixtures, its include_test.go cases and the e2e fixtures. */
class IncludesTest {
    private static final Path TESTDATA = COMPOSE_GO.resolve("testdata");
    private static final Path E2E = CORPUS.resolve("compose-e2e/testdata");

    @Test
    void includedServicesComeWithPathsResolvedInTheirProject() {
        MapNode p = load(TESTDATA, "compose-include.yaml");
        assertFalse(p.has("include"));
        assertEquals(Map.of("image", "bar", "environment", List.of("FOO=BAR")), at(p, "services", "bar"));
        assertEquals(Map.of("image", "nginx", "container_name", "${SOURCE:-imported}",
                "env_file", List.of(TESTDATA.resolve("subdir/extra.env").toString()),
                "volumes", List.of("/opt/data:/var/lib/mysql")), at(p, "services", "imported"));
    }

    @Test
    void includedFileRelativeToItsOwnDirectory() {
        Path dir = TESTDATA.resolve("include");
        MapNode p = load(dir, "compose.yaml");
        assertEquals(Map.of("build", dir.toString(), "volumes", List.of(dir + ":/mnt")),
                at(p, "services", "included"));
    }

    @Test
    void projectDirectoryIsTheBaseOfEveryRelativePath() {
        // compose-go TestIncludeWithProjectDirectory / vector include-project-directory
        MapNode p = load(TESTDATA.resolve("include"), "project-directory.yaml");
        Path subdir = TESTDATA.resolve("subdir");
        assertEquals(subdir.toString(), at(p, "services", "service", "build", "context"));
        assertEquals(subdir.resolve("compose-test-extends-imported.yaml").toString(),
                at(p, "services", "service", "volumes", 0, "source"));
        assertEquals(List.of(subdir.resolve("extra.env").toString()), at(p, "services", "service", "env_file"));
    }

    @Test
    void includedFileMayExtendRelativeToItsProject() {
        // combined/compose.yaml: include (path list) of a file whose service extends a sibling file
        MapNode p = load(TESTDATA.resolve("combined"), "compose.yaml");
        assertEquals(Map.of("build", TESTDATA.resolve("combined/dir").toString()), at(p, "services", "service"));
        // compose-go TestIncludeWithExtends
        MapNode q = inline(COMPOSE_GO, "name: x\ninclude:\n  - testdata/extends/nested.yaml\n");
        assertEquals(TESTDATA.resolve("extends").toString(), at(q, "services", "with-build", "build"));
    }

    @Test
    void includeCycleIsDetected() {
        // manifest: compose-include-cycle.yaml -> error "include cycle detected"
        ComposeException e = assertThrows(ComposeException.class, () -> load(TESTDATA, "compose-include-cycle.yaml"));
        Path self = TESTDATA.resolve("compose-include-cycle.yaml");
        assertEquals("compose-include-cycle.yaml:2:5 include[0]: include cycle detected:\n" + self + "\n include "
                + self, e.getMessage());
    }

    @Test
    void indirectIncludeCycle(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("b"));
        Files.writeString(dir.resolve("a.yaml"), "include: [b/b.yaml]\nservices: {a: {image: a}}\n");
        Files.writeString(dir.resolve("b/b.yaml"), "include: [../a.yaml]\nservices: {b: {image: b}}\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(dir, "a.yaml"));
        assertTrue(e.getMessage().endsWith("include cycle detected:\n" + dir.resolve("a.yaml") + "\n include "
                + dir.resolve("b/b.yaml") + "\n include " + dir.resolve("a.yaml")), e.getMessage());
        assertTrue(e.getMessage().startsWith("b/b.yaml:1:11 include[0]:"), e.getMessage());
    }

    @Test
    void localDefinitionMergesOverImportedOne(@TempDir Path dir) throws Exception {
        // compose-go TestIncludeWithOverride since v2.10 (docker compose v5): no "conflicts" error any more
        Files.writeString(dir.resolve("imported.yaml"), """
                services:
                  bar:
                    image: imported
                    environment: [FOO=BAR]
                    ports: ["80:80"]
                networks:
                  net: {driver: bridge}
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                include:
                  - imported.yaml
                services:
                  bar:
                    image: busybox
                    environment: !override
                      - ZOT=QIX
                    ports: ["81:81"]
                networks:
                  net: {internal: true}
                """);
        MapNode p = load(dir, "compose.yaml");
        assertEquals(Map.of("image", "busybox", "environment", List.of("ZOT=QIX"), "ports", List.of("80:80", "81:81")),
                at(p, "services", "bar"));
        assertEquals(Map.of("driver", "bridge", "internal", true), at(p, "networks", "net"));
    }

    @Test
    void localTagsAlsoApplyToEarlierFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("imported.yaml"), "services:\n  bar:\n    image: imported\n");
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  bar:\n    image: first\n    command: run\n");
        Files.writeString(dir.resolve("override.yaml"),
                "include: [imported.yaml]\nservices:\n  bar:\n    command: !reset null\n");
        MapNode p = load(dir, "compose.yaml", "override.yaml");
        assertEquals(Map.of("image", "imported"), at(p, "services", "bar"));
    }

    @Test
    void e2ePublishLocalInclude() {
        MapNode p = load(E2E.resolve("TestPublishLocalInclude"), "compose.yaml");
        assertEquals(Map.of("test", Map.of("image", "test"), "foo", Map.of("image", "bar")), at(p, "services"));
    }

    @Test
    void includeEnvFileResolvesIncludedSecrets() {
        // e2e TestSecretFromInclude: MY_SECRET comes from the include's env_file, not from the main environment
        MapNode p = needsOtherPhases(() -> load(E2E.resolve("TestSecretFromInclude"), "compose.yaml"));
        assertEquals(Map.of("environment", "MY_SECRET", "x-#value", "this-is-secret"),
                at(p, "secrets", "my-secret"));
        assertEquals(Map.of("environment", "SECRET"), at(p, "secrets", "secret"));
    }

    @Test
    void includeEnvFileFeedsInterpolationButCallerWins() {
        // vector include-env-file-feeds-interpolation (compose-go TestLoadWithInclude)
        String yaml = """
                name: 'test-include'
                include:
                  - path: ./testdata/subdir/compose-test-extends-imported.yaml
                    env_file: ./testdata/subdir/extra.env
                services:
                  foo:
                    image: busybox
                    depends_on:
                      - imported
                """;
        MapNode p = needsOtherPhases(() -> interpolated(yaml, Map.of()));
        assertEquals("extends", at(p, "services", "imported", "container_name"));
        assertEquals(List.of(TESTDATA.resolve("subdir/extra.env").toString()),
                at(p, "services", "imported", "env_file"));
        MapNode q = interpolated(yaml, Map.of("SOURCE", "override"));
        assertEquals("override", at(q, "services", "imported", "container_name"));
    }

    private static MapNode interpolated(String yaml, Map<String, String> env) {
        return dev.jcompose.load.merge.Merger.merge(dev.jcompose.load.FileAssembler.assemble(
                new dev.jcompose.load.discover.SourceFile("(inline)", null, yaml), COMPOSE_GO, env,
                dev.jcompose.load.testing.Assembly.options(COMPOSE_GO, true), new dev.jcompose.load.Warnings()));
    }

    @Test
    void includedProjectDotEnvIsLoaded(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/.env"), "TAG=from-dotenv\nONLY=sub\n");
        Files.writeString(dir.resolve("sub/compose.yaml"),
                "services:\n  s:\n    image: app:${TAG}\n    environment: [ONLY, MISSING]\n");
        Files.writeString(dir.resolve("compose.yaml"), "include: [sub/compose.yaml]\n");
        MapNode p = needsOtherPhases(() -> dev.jcompose.load.testing.Assembly.load(dir, true,
                Map.of("TAG", "from-parent"), "compose.yaml"));
        assertEquals("app:from-parent", at(p, "services", "s", "image"));
        assertEquals(List.of("ONLY=sub", "MISSING"), at(p, "services", "s", "environment"));
    }

    @Test
    void malformedIncludes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "include: a-string.yaml\n");
        assertEquals("a.yaml:1:10 include: `include` must be a list, not a string",
                assertThrows(ComposeException.class, () -> load(dir, "a.yaml")).getMessage());
        Files.writeString(dir.resolve("b.yaml"), "include:\n  - missing.yaml\n");
        assertEquals("b.yaml:2:5 include[0]: cannot include " + dir.resolve("missing.yaml") + ": no such file",
                assertThrows(ComposeException.class, () -> load(dir, "b.yaml")).getMessage());
        Files.writeString(dir.resolve("c.yaml"), "include:\n  - env_file: x.env\n");
        assertEquals("c.yaml:2:5 include[0]: path is required",
                assertThrows(ComposeException.class, () -> load(dir, "c.yaml")).getMessage());
        Files.writeString(dir.resolve("d.yaml"), "include:\n  - path: a.yaml\n    env_file: none.env\n");
        assertEquals("d.yaml:2:5 include[0]: couldn't find env file: " + dir.resolve("none.env"),
                assertThrows(ComposeException.class, () -> load(dir, "d.yaml")).getMessage());
    }
}
