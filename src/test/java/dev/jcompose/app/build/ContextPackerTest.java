package dev.jcompose.app.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The build context tar: golden entry lists for .dockerignore cases, symlinks, Dockerfiles outside the context. */
class ContextPackerTest {
    @TempDir
    Path tmp;
    Path ctx;
    Path out;

    @BeforeEach
    void tree() throws IOException {
        ctx = tmp.resolve("ctx");
        out = tmp.resolve("context.tar");
        write("Dockerfile", "FROM scratch\n");
        write("app/main.go", "package main\n");
        write("app/main_test.go", "package main\n");
        write("app/debug.log", "x\n");
        write("docs/README.md", "# readme\n");
        write("docs/guide.md", "guide\n");
        write("docs/img/logo.png", "png");
        write("node_modules/lib/index.js", "js");
        write("build/out.bin", "bin");
        write("sub/build/keep.txt", "k");
        write("keep.log", "log");
        write("trace.log", "log");
        write("a.tmp", "t");
        write("deep/er/x.tmp", "t");
    }

    private void write(String rel, String content) throws IOException {
        Path p = ctx.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private List<String> pack(String ignore) throws IOException {
        if (ignore != null) {
            write(".dockerignore", ignore);
        }
        return ContextPacker.pack(ctx, "Dockerfile", null, out).entries();
    }

    static final List<String> EVERYTHING = List.of("Dockerfile", "a.tmp", "app/", "app/debug.log", "app/main.go",
            "app/main_test.go", "build/", "build/out.bin", "deep/", "deep/er/", "deep/er/x.tmp", "docs/",
            "docs/README.md", "docs/guide.md", "docs/img/", "docs/img/logo.png", "keep.log", "node_modules/",
            "node_modules/lib/", "node_modules/lib/index.js", "sub/", "sub/build/", "sub/build/keep.txt",
            "trace.log");

    static Stream<Arguments> ignoreCases() {
        return Stream.of(
                Arguments.of("no patterns", "", List.of()),
                Arguments.of("a directory goes with everything below it", "node_modules",
                        List.of("node_modules/", "node_modules/lib/", "node_modules/lib/index.js")),
                Arguments.of("trailing slash and leading slash are cleaned", "/build/\n",
                        List.of("build/", "build/out.bin")),
                Arguments.of("* stays in its directory", "*.log", List.of("keep.log", "trace.log")),
                Arguments.of("** crosses directories", "**/*.tmp", List.of("a.tmp", "deep/er/x.tmp")),
                Arguments.of("an exception after the exclusion wins", "*.log\n!keep.log", List.of("trace.log")),
                Arguments.of("an exception before the exclusion loses", "!keep.log\n*.log",
                        List.of("keep.log", "trace.log")),
                Arguments.of("an excluded directory is entered for a nested exception", "docs\n!docs/README.md",
                        List.of("docs/", "docs/guide.md", "docs/img/", "docs/img/logo.png")),
                Arguments.of("comments, blank lines and ? wildcards", "# comment\n\n?.tmp\napp/*_test.go",
                        List.of("a.tmp", "app/main_test.go")),
                Arguments.of("the Dockerfile and .dockerignore are sent even when excluded",
                        "Dockerfile\n.dockerignore\ndocs", List.of("docs/", "docs/README.md", "docs/guide.md",
                                "docs/img/", "docs/img/logo.png")),
                Arguments.of("a pattern naming a nested directory by path", "sub/build",
                        List.of("sub/build/", "sub/build/keep.txt")),
                Arguments.of("** in the middle", "docs/**/*.png", List.of("docs/img/logo.png")));
    }

    /** Each case lists what must be missing from the full listing; the .dockerignore itself is sent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoreCases")
    void dockerignoreCases(String name, String ignore, List<String> excluded) throws IOException {
        List<String> expected = new java.util.ArrayList<>(EVERYTHING);
        expected.addFirst(".dockerignore"); // '.' sorts before every other name here
        expected.removeAll(excluded);
        assertEquals(expected, pack(ignore));
    }

    @Test
    void excludingEverythingButADeepFileSendsNoDirectoryEntries() throws IOException {
        assertEquals(List.of(".dockerignore", "Dockerfile", "app/main.go"), pack("**\n!app/main.go\n!Dockerfile"));
        assertEquals(List.of(".dockerignore", "Dockerfile", "app/main.go"), pack("*\n!app/main.go"));
    }

    @Test
    void withoutDockerignoreEverythingIsSentInWalkOrder() throws IOException {
        assertEquals(EVERYTHING, pack(null));
    }

    @Test
    void theDockerfilesOwnIgnoreFileWinsOverTheContextOne() throws IOException {
        write(".dockerignore", "docs\n");
        write("Dockerfile.dockerignore", "node_modules\nbuild\n");
        List<String> entries = pack(null);
        assertTrue(entries.contains("docs/README.md"), entries.toString());
        assertTrue(entries.stream().noneMatch(e -> e.startsWith("node_modules") || e.startsWith("build/")),
                entries.toString());
    }

    @Test
    void symlinksAreStoredAsLinksAndNeverFollowedOutOfTheContext() throws IOException {
        Path outside = tmp.resolve("secret");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("key"), "TOP SECRET");
        Files.createSymbolicLink(ctx.resolve("escape"), outside);
        Files.createSymbolicLink(ctx.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(ctx.resolve("up"), Path.of("../secret/key"));
        Files.createSymbolicLink(ctx.resolve("inside"), Path.of("docs/README.md"));
        Map<String, TarArchiveEntry> tar = readTar();
        assertEquals("../secret/key", tar.get("up").getLinkName());
        assertTrue(tar.get("escape").isSymbolicLink());
        assertEquals("/etc/passwd", tar.get("passwd").getLinkName());
        assertTrue(tar.get("inside").isSymbolicLink());
        assertTrue(tar.keySet().stream().noneMatch(n -> n.startsWith("escape/")), tar.keySet().toString());
        assertTrue(tar.values().stream().filter(TarArchiveEntry::isSymbolicLink).allMatch(e -> e.getSize() == 0));
        assertTrue(!new String(Files.readAllBytes(out), StandardCharsets.UTF_8).contains("TOP SECRET"));
    }

    @Test
    void aDockerfileOutsideTheContextTravelsUnderAGeneratedName() throws IOException {
        Files.writeString(tmp.resolve("Outside.Dockerfile"), "FROM scratch\nCOPY . /\n");
        ContextPacker.Packed packed = ContextPacker.pack(ctx, "../Outside.Dockerfile", null, out);
        assertTrue(packed.dockerfile().matches("\\.dockerfile\\.[0-9a-f]{20}"), packed.dockerfile());
        Map<String, String> contents = readContents();
        assertEquals("FROM scratch\nCOPY . /\n", contents.get(packed.dockerfile()));
        assertEquals(".dockerignore\n" + packed.dockerfile() + "\n", contents.get(".dockerignore"));
        List<String> tail = packed.entries().subList(packed.entries().size() - 2, packed.entries().size());
        assertEquals(List.of(packed.dockerfile(), ".dockerignore"), tail);
        assertEquals(packed.dockerfile(), ContextPacker.pack(ctx, "../Outside.Dockerfile", null, out).dockerfile(),
                "the generated name depends on the content only");
    }

    @Test
    void anExistingDockerignoreIsExtendedInPlace() throws IOException {
        write(".dockerignore", "docs");
        ContextPacker.Packed packed = ContextPacker.pack(ctx, null, "FROM scratch\n", out);
        assertEquals(".dockerignore", packed.entries().getFirst());
        assertEquals("docs\n" + packed.dockerfile() + "\n", readContents().get(".dockerignore"));
        assertEquals("FROM scratch\n", readContents().get(packed.dockerfile()));
        assertTrue(packed.entries().stream().noneMatch(e -> e.startsWith("docs")));
    }

    @Test
    void aDockerfileInsideTheContextKeepsItsPath() throws IOException {
        write("docker/app.Dockerfile", "FROM scratch\n");
        write("docker/app.Dockerfile.dockerignore", "docker\n");
        ContextPacker.Packed packed = ContextPacker.pack(ctx, "docker/app.Dockerfile", null, out);
        assertEquals("docker/app.Dockerfile", packed.dockerfile());
        assertTrue(packed.entries().contains("docker/app.Dockerfile"), packed.entries().toString());
        assertTrue(!packed.entries().contains("docker/app.Dockerfile.dockerignore"));
    }

    @Test
    void headersCarryRealModesAndMtimesButNoOwner() throws IOException {
        Path script = ctx.resolve("app/run.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(script, FileTime.fromMillis(1_700_000_000_789L));
        Files.createLink(ctx.resolve("app/run2.sh"), script);
        TarArchiveEntry entry = readTar().get("app/run.sh");
        assertEquals(0750, entry.getMode());
        assertEquals(1_700_000_000_000L, entry.getModTime().getTime());
        assertEquals(0, entry.getLongUserId());
        assertEquals("", entry.getUserName());
        assertEquals("", entry.getGroupName());
        TarArchiveEntry link = readTar().get("app/run2.sh");
        assertTrue(link.isLink());
        assertEquals("app/run.sh", link.getLinkName());
    }

    @Test
    void theSameTreePacksToTheSameBytesAndAChangeShows() throws IOException {
        String first = ContextPacker.pack(ctx, "Dockerfile", null, out).digest();
        assertEquals(first, ContextPacker.pack(ctx, "Dockerfile", null, tmp.resolve("again.tar")).digest());
        FileTime before = Files.getLastModifiedTime(ctx.resolve("app/main.go"));
        Files.writeString(ctx.resolve("app/main.go"), "package other\n");
        Files.setLastModifiedTime(ctx.resolve("app/main.go"), before);
        assertNotEquals(first, ContextPacker.pack(ctx, "Dockerfile", null, out).digest());
    }

    @Test
    void errorsNameWhatIsWrong() throws IOException {
        var missing = assertThrows(ComposeException.class,
                () -> ContextPacker.pack(tmp.resolve("nope"), "Dockerfile", null, out));
        assertEquals("unable to prepare context: path \"" + tmp.resolve("nope") + "\" not found", missing.getMessage());
        var noDockerfile = assertThrows(ComposeException.class,
                () -> ContextPacker.pack(ctx, "Missing.Dockerfile", null, out));
        assertTrue(noDockerfile.getMessage().contains("Missing.Dockerfile: no such file or directory"),
                noDockerfile.getMessage());
        write(".dockerignore", "ok\n[\n");
        var bad = assertThrows(ComposeException.class, () -> ContextPacker.pack(ctx, "Dockerfile", null, out));
        assertEquals(ctx.toRealPath().resolve(".dockerignore") + ": syntax error in pattern: [", bad.getMessage());
        assertEquals(ComposeException.Kind.CONFIG, bad.kind());
    }

    private Map<String, TarArchiveEntry> readTar() throws IOException {
        ContextPacker.pack(ctx, "Dockerfile", null, out);
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(out); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName().endsWith("/") ? e.getName() : e.getName(), e);
            }
        }
        return entries;
    }

    private Map<String, String> readContents() throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(out); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                contents.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return contents;
    }
}
