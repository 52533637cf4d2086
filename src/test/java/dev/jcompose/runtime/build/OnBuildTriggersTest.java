package dev.jcompose.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageConfig;
import dev.jcompose.runtime.image.RunConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONBUILD as dockerd's classic builder treats it: what the parent records (the trigger as written), the
 * instructions a trigger may not be, how a stored trigger parses when a FROM runs it (errors without a line),
 * the step header, and the stage config without the triggers.
 */
class OnBuildTriggersTest {
    private static String recorded(String dockerfile) {
        Dockerfile df = DockerfileParser.parse(dockerfile);
        RunConfig config = RunConfig.EMPTY;
        ConfigSteps steps = new ConfigSteps(new ShellLex('\\'));
        for (Instruction i : df.stages().get(0).body()) {
            config = steps.apply(i, config, Map.of(), false).config();
        }
        return String.join("|", config.onBuild());
    }

    @Test
    void theTriggerIsKeptAsWrittenWithContinuationsJoined() {
        // dockerd: ["run echo   x"] for "onbuild   run echo \<newline>  x" (keyword case kept)
        assertEquals("run echo   x", recorded("FROM b\nonbuild   run echo \\\n  x\n"));
        assertEquals("RUN echo $FOO > /t2|ENV FOO=bar",
                recorded("FROM b\nONBUILD RUN echo $FOO > /t2\nONBUILD ENV FOO=bar\n"));
    }

    @Test
    void theHistoryTextNamesTheTrigger() {
        Instruction i = DockerfileParser.parse("FROM b\nONBUILD COPY . /app\n").stages().get(0).body().get(0);
        assertEquals("ONBUILD COPY . /app", new ConfigSteps(new ShellLex('\\')).apply(i, RunConfig.EMPTY, Map.of(),
                false).text());
    }

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                Arguments.of("onbuild onbuild RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                Arguments.of("ONBUILD FROM busybox", "FROM isn't allowed as an ONBUILD trigger"),
                Arguments.of("ONBUILD maintainer me", "MAINTAINER isn't allowed as an ONBUILD trigger"),
                Arguments.of("ONBUILD", "ONBUILD requires at least one argument"));
    }

    @ParameterizedTest
    @MethodSource("forbidden")
    void forbiddenTriggersAreParseErrorsOfTheirLine(String line, String message) {
        BuildException e = assertThrows(BuildException.class, () -> DockerfileParser.parse("FROM b\n" + line + "\n"));
        assertEquals("dockerfile parse error line 2: " + message, e.getMessage());
    }

    @Test
    void storedTriggersParseLikeInstructionsAndFailWithoutALine() {
        Instruction run = DockerfileParser.trigger("run echo   x");
        assertEquals("RUN", run.keyword());
        assertEquals("echo   x", run.args());
        assertEquals(List.of("sh", "-c"), DockerfileParser.trigger("CMD [\"sh\", \"-c\"]").json());
        // dockerd, FROM an image whose trigger is "BOGUS x": "unknown instruction: BOGUS"
        assertEquals("unknown instruction: BOGUS",
                assertThrows(BuildException.class, () -> DockerfileParser.trigger("BOGUS x")).getMessage());
        assertEquals("COPY requires at least two arguments, but only one was provided. Destination could not be "
                + "determined.", assertThrows(BuildException.class, () -> DockerfileParser.trigger("COPY a"))
                .getMessage());
        // an image made elsewhere may carry triggers a Dockerfile cannot declare
        assertEquals("FROM isn't allowed as an ONBUILD trigger",
                assertThrows(BuildException.class, () -> DockerfileParser.trigger("FROM x")).getMessage());
        assertEquals("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
                assertThrows(BuildException.class, () -> DockerfileParser.trigger("ONBUILD RUN x")).getMessage());
        assertEquals("onbuild trigger should be a single expression",
                assertThrows(BuildException.class, () -> DockerfileParser.trigger("  ")).getMessage());
    }

    @Test
    void theHeaderCountsTriggersLikeDockerd() {
        assertEquals("# Executing 1 build trigger\n", OnBuildTriggers.header(1));
        assertEquals("# Executing 3 build triggers\n", OnBuildTriggers.header(3));
    }

    @Test
    void theStageStartsFromTheBaseWithoutItsTriggers() {
        RunConfig rc = RunConfig.EMPTY.toBuilder().env("A", "1").onBuild("RUN x").onBuild("ENV B=2").build();
        ImageConfig config = new ImageConfig("amd64", "linux", null, null, null, null, null, rc,
                new ImageConfig.RootFs("layers", List.of()), List.of());
        Digest id = Digest.of("base".getBytes(StandardCharsets.UTF_8));
        ImageState cleared = OnBuildTriggers.withoutTriggers(new ImageState(id, config, List.of()));
        assertNull(cleared.runConfig().onBuild());
        assertEquals(List.of("A=1"), cleared.runConfig().env());
        assertEquals(id, cleared.id());
        assertEquals(id + " onbuild-triggers-cleared", cleared.parentKey(), "its own cache keys");
        assertEquals(id.toString(), new ImageState(id, config, List.of()).parentKey());
        assertEquals(List.of("RUN x", "ENV B=2"), rc.onBuild(), "the base's own config is left as it was");
    }
}
