package dev.jcompose.load.extend;

import static dev.jcompose.load.testing.Assembly.COMPOSE_GO;
import static dev.jcompose.load.testing.Assembly.at;
import static dev.jcompose.load.testing.Assembly.inline;
import static dev.jcompose.load.testing.Assembly.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.testing.Assembly;
import dev.jcompose.load.tree.MapNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extends, with the compose-go loader/testdata fixtures and the cases of its extends_test.go. */
class ExtendsTest {
    private static final Path TESTDATA = COMPOSE_GO.resolve("testdata");

    @Test
    void extendedFilePathsAreRelativeToThatFile() {
        // compose-go TestLoadWithExtends (fixture compose-test-extends.yaml)
        MapNode p = load(TESTDATA, "compose-test-extends.yaml");
        assertEquals(Map.of("image", "nginx", "container_name", "${SOURCE:-imported}",
                "env_file", List.of(TESTDATA.resolve("subdir/extra.env").toString()),
                "volumes", List.of("/opt/data:/var/lib/mysql")), at(p, "services", "importer"));
    }

    @Test
    void remoteBuildContextOfExtendedServiceIsKept() {
        MapNode p = load(TESTDATA, "compose-test-extends-with-context-url.yaml");
        assertEquals(Map.of("build", Map.of("context", "https://github.com/docker/compose.git")),
                at(p, "services", "importer-with-https-url"));
    }

    @Test
    void extendsFromOtherFileRecursively() {
        // compose-go TestExtends, TestExtendsPort, TestExtendsUlimits, TestExtendsRelativePath, TestExtendsNil
        MapNode p = inline(COMPOSE_GO, """
                services:
                  test1:
                    extends: {file: testdata/extends/base.yaml, service: base}
                    hostname: test1
                  test3:
                    extends: {file: testdata/extends/base.yaml, service: another}
                    hostname: test3
                  port:
                    image: test
                    extends: {file: testdata/extends/base.yaml, service: with-port}
                  ulimits:
                    extends: {file: testdata/extends/base.yaml, service: withUlimits}
                  build:
                    extends: {file: testdata/extends/base.yaml, service: with-build}
                  nil:
                    image: test
                    extends: {file: testdata/extends/base.yaml, service: nil}
                """);
        assertEquals(Map.of("image", "base", "hostname", "test1"), at(p, "services", "test1"));
        assertEquals(Map.of("image", "base", "hostname", "test3"), at(p, "services", "test3"));
        assertEquals(Map.of("image", "test", "ports", List.of("8000:8000")), at(p, "services", "port"));
        assertEquals(65535L, at(p, "services", "ulimits", "ulimits", "nproc"));
        assertEquals(TESTDATA.resolve("extends").toString(), at(p, "services", "build", "build"));
        assertEquals(Map.of("image", "test"), at(p, "services", "nil"));
    }

    @Test
    void nestedExtendsAcrossDirectories() {
        MapNode p = load(TESTDATA.resolve("extends/withdir"), "compose.yaml");
        assertEquals(Map.of("image", "hello-world"), at(p, "services", "test"));
    }

    @Test
    void extendingServiceWinsWithMergeRules() {
        // vector extends-override-command-with-quotes and TestLoadExtendsDependsOn
        MapNode p = inline(COMPOSE_GO, """
                services:
                  foo:
                    image: busybox
                    extends:
                      service: bar
                    command: "/bin/ash -c \\"rm -rf /tmp/might-not-exist\\""
                    environment: [B=2]
                  bar:
                    image: alpine
                    command: "/bin/ash -c \\"echo Oh no...\\""
                    environment: {A: "1", B: "1"}
                    depends_on: [service_c]
                  service_b:
                    extends: bar
                    depends_on: !override
                      - service_a
                """);
        assertEquals(2 + 1, ((MapNode) p.get("services")).size());
        assertEquals(Map.of("image", "busybox", "command", "/bin/ash -c \"rm -rf /tmp/might-not-exist\"",
                "environment", Map.of("A", "1", "B", "2"), "depends_on", List.of("service_c")),
                at(p, "services", "foo"));
        assertEquals(List.of("service_a"), at(p, "services", "service_b", "depends_on"));
    }

    @Test
    void resetInExtendingServiceAndInExtendedFile() {
        // vector extends-with-reset-tag-list and compose-go TestExtendsReset (reset.yaml)
        MapNode p = inline(COMPOSE_GO, """
                services:
                  foo:
                    extends:
                      service: bar
                    volumes: !reset []
                  bar:
                    image: alpine
                    command: echo
                    volumes:
                       - .:/src
                  test:
                    extends:
                      file: testdata/extends/reset.yaml
                      service: base
                """);
        assertEquals(Map.of("image", "alpine", "command", "echo"), at(p, "services", "foo"));
        assertEquals(Map.of("image", "alpine:latest"), at(p, "services", "test"));
    }

    @Test
    void serviceReferencesAreInherited() {
        // compose-go TestExtendsWithServiceRef: references come along (the consistency check then needs zot)
        MapNode p = inline(COMPOSE_GO, """
                services:
                  a: {extends: {file: ./testdata/extends/depends_on.yaml, service: with_depends_on}}
                  b: {extends: {file: ./testdata/extends/depends_on.yaml, service: with_volumes_from}}
                  c: {extends: {file: ./testdata/extends/depends_on.yaml, service: with_ipc}}
                  d: {extends: {file: ./testdata/extends/depends_on.yaml, service: with_network_mode}}
                """);
        assertEquals(List.of("zot"), at(p, "services", "a", "depends_on"));
        assertEquals(List.of("zot"), at(p, "services", "b", "volumes_from"));
        assertEquals("service:zot", at(p, "services", "c", "ipc"));
        assertEquals("service:zot", at(p, "services", "d", "network_mode"));
        assertNull(at(p, "services", "zot"), "only the extended service is taken from the other file");
    }

    @Test
    void overrideFileExtendingTheFirstFileKeepsPortsUnique() {
        // compose-go TestExtendsPortOverride
        MapNode first = load(TESTDATA.resolve("extends"), "ports.yaml");
        MapNode merged = dev.jcompose.load.merge.Merger.merge(List.of(first, inline(TESTDATA.resolve("extends"), """
                services:
                  test:
                    extends:
                      file: ports.yaml
                      service: test
                """)));
        assertEquals(List.of("8080:8080"), at(merged, "services", "test", "ports"));
    }

    @Test
    void tagsOfAnExtendingServiceAlsoApplyToEarlierFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  x:\n    image: a\n    ports: ['80:80']\n");
        Files.writeString(dir.resolve("override.yaml"), """
                services:
                  base:
                    image: b
                    ports: ['70:70']
                  x:
                    extends: base
                    ports: !override ['90:90']
                """);
        MapNode p = load(dir, "compose.yaml", "override.yaml");
        assertEquals(Map.of("image", "b", "ports", List.of("90:90")), at(p, "services", "x"));
    }

    @Test
    void sameFileExtendsInsideAnotherFile(@TempDir Path dir) throws Exception {
        // compose-go TestLoadExtendsSameFile
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/compose.yaml"), """
                services:
                  base:
                    build:
                      context: ..
                  service:
                    extends: base
                    build:
                      target: target
                """);
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  out-base:
                    extends: {file: sub/compose.yaml, service: base}
                  out-service:
                    extends: {file: sub/compose.yaml, service: service}
                """);
        MapNode p = load(dir, "compose.yaml");
        assertEquals(Map.of("context", dir.toString()), at(p, "services", "out-base", "build"));
        assertEquals(Map.of("context", dir.toString(), "target", "target"), at(p, "services", "out-service", "build"));
    }

    @Test
    void cycleInOneFileIsNamed() {
        ComposeException e = assertThrows(ComposeException.class, () -> inline(COMPOSE_GO, """
                services:
                  a: {extends: b, image: x}
                  b: {extends: c}
                  c: {extends: a}
                """));
        assertTrue(e.getMessage().startsWith("(inline):2:16 services.a.extends: Circular reference:\n"
                + "  a in (inline)\n  extends b in (inline)\n  extends c in (inline)\n  extends a in (inline)"),
                e.getMessage());
    }

    @Test
    void selfExtensionIsACycle() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> inline(COMPOSE_GO, "services:\n  a:\n    extends: a\n"));
        assertTrue(e.getMessage().contains("Circular reference:\n  a in (inline)\n  extends a in (inline)"),
                e.getMessage());
    }

    @Test
    void cycleAcrossFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "services:\n  s:\n    extends: {file: b.yaml, service: t}\n");
        Files.writeString(dir.resolve("b.yaml"), "services:\n  t:\n    extends: {file: a.yaml, service: s}\n");
        ComposeException e = assertThrows(ComposeException.class, () -> load(dir, "a.yaml"));
        assertTrue(e.getMessage().contains("Circular reference:\n  s in a.yaml\n  extends t in b.yaml\n"
                + "  extends s in a.yaml"), e.getMessage());
    }

    @Test
    void errorsNameTheExtendsEntry() {
        ComposeException missingService = assertThrows(ComposeException.class, () -> inline(COMPOSE_GO, """
                services:
                  test:
                    image: test
                    extends:
                      file: testdata/extends/base.yaml
                """));
        assertEquals("(inline):5:7 services.test.extends: extends.service is required", missingService.getMessage());

        ComposeException notFound = assertThrows(ComposeException.class, () -> inline(COMPOSE_GO,
                "services:\n  t:\n    extends: nope\n"));
        assertEquals("(inline):3:14 services.t.extends: cannot extend service \"t\": service \"nope\" not found",
                notFound.getMessage());

        ComposeException notInFile = assertThrows(ComposeException.class, () -> inline(COMPOSE_GO,
                "services:\n  t:\n    extends: {file: testdata/extends/base.yaml, service: nope}\n"));
        assertTrue(notInFile.getMessage().endsWith("service \"nope\" not found in testdata/extends/base.yaml"),
                notInFile.getMessage());

        ComposeException noFile = assertThrows(ComposeException.class, () -> inline(COMPOSE_GO,
                "services:\n  t:\n    extends: {file: nowhere.yaml, service: x}\n"));
        assertEquals("(inline):3:14 services.t.extends: cannot read nowhere.yaml: no such file",
                noFile.getMessage());
    }

    @Test
    void interpolatedWithTheProjectEnvironment() {
        // compose-go TestExtendsWithInterpolation: ${SOURCE:-/dev/null} in the extended file
        MapNode p = Assembly.needsOtherPhases(() -> dev.jcompose.load.merge.Merger.merge(
                dev.jcompose.load.FileAssembler.assemble(new dev.jcompose.load.discover.SourceFile("-", null,
                        "services:\n  test:\n    extends: { file: testdata/extends/interpolated.yaml, service: foo }\n"),
                        COMPOSE_GO, Map.of(), Assembly.options(COMPOSE_GO, true), new dev.jcompose.load.Warnings())));
        assertEquals(List.of("/dev/null:/tmp/foo:ro"), at(p, "services", "test", "volumes"));
        assertFalse(((MapNode) at2(p)).has("extends"));
    }

    private static Object at2(MapNode p) {
        return dev.jcompose.load.tree.Nodes.at(p, dev.jcompose.load.tree.KeyPath.of("services", "test"));
    }
}
