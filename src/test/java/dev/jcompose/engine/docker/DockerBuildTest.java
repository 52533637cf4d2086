package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.BuildFailedException;
import dev.jcompose.engine.BuildSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The /build request query and the reading of its answer stream, without a daemon. */
class DockerBuildTest {

    @Test
    void theQueryCarriesEveryOptionTheWayDockersClientSendsIt() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("A", "1 2");
        args.put("B", "x&y");
        BuildSpec spec = new BuildSpec(Path.of("/tmp/ctx.tar"), ".dockerfile.abc", List.of("demo-web", "demo/web:v2"),
                args, "prod", Map.of("team", "blue"), List.of("demo-web:cache"), true, true, "host", 67108864L,
                List.of("db:10.0.0.5", "cache:10.0.0.6"));
        List<String> params = Arrays.stream(DockerBuild.query(spec).substring(1).split("&"))
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("t=demo-web", "t=demo/web:v2", "dockerfile=.dockerfile.abc", "extrahosts=db:10.0.0.5",
                "extrahosts=cache:10.0.0.6", "rm=1", "forcerm=1", "nocache=1", "pull=1", "target=prod",
                "networkmode=host", "shmsize=67108864", "buildargs={\"A\":\"1 2\",\"B\":\"x&y\"}",
                "labels={\"team\":\"blue\"}", "cachefrom=[\"demo-web:cache\"]", "version=1"), params);
        assertTrue(DockerBuild.query(spec).contains("%20") && !DockerBuild.query(spec).contains("+"));
    }

    /** A stream as dockerd 20.10 sends it: fragments, "\n" alone, the aux ID, then success lines. */
    @Test
    void outputLinesAreReassembledAndTheImageIdPicked() throws IOException {
        String stream = """
                {"stream":"Step 1/2 : FROM jcompose/busybox:latest"}\r
                {"stream":"\\n"}\r
                {"stream":" ---\\u003e 3f4e7357678e\\n"}\r
                {"stream":"Step 2/2 : RUN echo hi"}\r
                {"stream":"\\n"}\r
                {"stream":"hi\\nsecond line\\n"}\r
                {"status":"Pulling fs layer","id":"abc"}\r
                {"aux":{"ID":"sha256:29f0285fab3b583e1db53fac60d0e164b15aa87a4339f9b56a21a8d21eb5358d"}}\r
                {"stream":"Successfully built 29f0285fab3b\\n"}\r
                """;
        List<String> lines = new ArrayList<>();
        DockerBuild.Output output = new DockerBuild.Output(lines::add);
        output.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("Step 1/2 : FROM jcompose/busybox:latest", " ---> 3f4e7357678e",
                "Step 2/2 : RUN echo hi", "hi", "second line", "abc: Pulling fs layer",
                "Successfully built 29f0285fab3b"), lines);
        assertEquals("sha256:29f0285fab3b583e1db53fac60d0e164b15aa87a4339f9b56a21a8d21eb5358d", output.imageId());
    }

    @Test
    void anErrorMessageFailsWithItsCodeAfterThePendingOutput() {
        String stream = """
                {"stream":"partial line without newline"}
                {"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"x"}
                """;
        List<String> lines = new ArrayList<>();
        DockerBuild.Output output = new DockerBuild.Output(lines::add);
        var e = assertThrows(BuildFailedException.class,
                () -> output.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8))));
        assertEquals(3, e.exitCode());
        assertEquals("The command '/bin/sh -c exit 3' returned a non-zero code: 3", e.getMessage());
        assertEquals(List.of("partial line without newline"), lines);
        var noCode = assertThrows(BuildFailedException.class, () -> new DockerBuild.Output(l -> { })
                .read(new ByteArrayInputStream("{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, noCode.exitCode());
        assertEquals("boom", noCode.getMessage());
    }
}
