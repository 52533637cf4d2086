package dev.jcompose.app.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.engine.BuildSpec;
import dev.jcompose.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The docker CLI as oracle: the same directory is built once by `docker build` (legacy builder, the CLI's own
 * context packer) and once from our tar, with a Dockerfile that lists what COPY . received. Both listings must be
 * equal, for a tree full of .dockerignore corner cases, symlinks and a Dockerfile outside the context.
 */
@Tag("docker")
class ContextPackerOracleTest {
    private static final String LIST = "FROM jcompose/busybox:latest\nCOPY . /ctx\n"
            + "RUN cd /ctx && echo LIST-BEGIN && find . | sort && echo LIST-END\n";

    @TempDir
    Path tmp;
    Path ctx;
    Engine engine;
    final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    final List<String> tags = new ArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        engine = EngineSelector.open("docker", System.getenv(), 2).engine();
        ctx = tmp.resolve("ctx");
        for (String f : List.of("app/main.go", "app/main_test.go", "app/debug.log", "docs/README.md",
                "docs/guide.md", "docs/img/logo.png", "node_modules/lib/index.js", "build/out.bin",
                "sub/build/keep.txt", "keep.log", "trace.log", "a.tmp", "deep/er/x.tmp", "deep/er/y.txt",
                "x/y/z/w.txt", "x/y/q.txt", ".hidden/h.txt", "sp ace/f.txt")) {
            Files.createDirectories(ctx.resolve(f).getParent());
            Files.writeString(ctx.resolve(f), f);
        }
        Files.createSymbolicLink(ctx.resolve("to-outside"), Path.of("../elsewhere"));
        Files.createSymbolicLink(ctx.resolve("to-docs"), Path.of("docs"));
        Files.writeString(ctx.resolve(".dockerignore"), String.join("\n",
                "# corner cases", "*.log", "!keep.log", "/build/", "**/*.tmp", "docs", "!docs/README.md",
                "node_modules", "x/*/z", "!x/y/z/w.txt", ".hidden", "sp?ce", "to-docs", "Dockerfile"));
    }

    @AfterEach
    void cleanup() {
        for (String tag : tags) {
            try {
                engine.removeImage(tag, true);
            } catch (RuntimeException ignored) {
                // not built
            }
        }
        engine.close();
    }

    @ParameterizedTest(name = "Dockerfile {0}")
    @ValueSource(strings = {"inside", "outside"})
    void ourContextIsWhatTheDockerCliSends(String where) throws Exception {
        Path dockerfile = where.equals("inside") ? ctx.resolve("Dockerfile") : tmp.resolve("Outside.Dockerfile");
        Files.writeString(dockerfile, LIST);
        String theirs = tag();
        ProcessBuilder docker = new ProcessBuilder("docker", "build", "--no-cache", "--rm", "--force-rm", "-t", theirs,
                "-f", dockerfile.toString(), ctx.toString()).redirectErrorStream(true);
        docker.environment().put("DOCKER_BUILDKIT", "0"); // the legacy builder: the CLI packs the context itself
        Process p = docker.start();
        String cliOutput = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, cliOutput);

        ContextPacker.Packed packed = ContextPacker.pack(ctx, ctx.relativize(dockerfile).toString(), null,
                tmp.resolve("ours.tar"));
        List<String> ours = new ArrayList<>();
        engine.buildImage(new BuildSpec(packed.tar(), packed.dockerfile(), List.of(tag()), Map.of(), null, Map.of(),
                null, true, false, null, null, null), ours::add);

        List<String> expected = listing(List.of(cliOutput.split("\n")));
        assertTrue(expected.contains("./keep.log") && expected.contains("./x/y/z/w.txt"), expected.toString());
        assertEquals(expected, listing(ours));
    }

    private String tag() {
        String tag = "jct-build-oracle-" + run + "-" + tags.size();
        tags.add(tag);
        return tag;
    }

    private static List<String> listing(List<String> lines) {
        int begin = lines.indexOf("LIST-BEGIN");
        int end = lines.indexOf("LIST-END");
        assertTrue(begin >= 0 && end > begin, String.join("\n", lines));
        return List.copyOf(lines.subList(begin + 1, end));
    }
}
