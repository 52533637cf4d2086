package dev.jcompose.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Dockerfile text → instructions, and bad Dockerfiles → dockerd's messages with the line number. */
class DockerfileParserTest {
    /** One instruction per case: text, then "KEYWORD|flags|args|json". */
    static Stream<Arguments> instructions() {
        return Stream.of(
                Arguments.of("FROM busybox\nRUN echo hi", "RUN|{}|echo hi|null"),
                Arguments.of("FROM busybox\nrun   echo hi  ", "RUN|{}|echo hi|null"),
                Arguments.of("FROM busybox\nRUN echo a \\\n    && echo b", "RUN|{}|echo a     && echo b|null"),
                Arguments.of("FROM busybox\nRUN echo a \\\n# comment inside\n\n  echo b", "RUN|{}|echo a   echo b|null"),
                Arguments.of("# escape=`\nFROM busybox\nRUN dir c:\\ `\n  x", "RUN|{}|dir c:\\   x|null"),
                Arguments.of("FROM busybox\nCMD [\"sh\", \"-c\", \"x\"]", "CMD|{}|[\"sh\", \"-c\", \"x\"]|[sh, -c, x]"),
                Arguments.of("FROM busybox\nCMD [\"sh\", 1]", "CMD|{}|[\"sh\", 1]|null"),
                Arguments.of("FROM busybox\nCMD [not json", "CMD|{}|[not json|null"),
                Arguments.of("FROM busybox\nCOPY --from=build --chown=1:2 a b /d/", "COPY|{chown=1:2, from=build}|a b /d/|null"),
                Arguments.of("FROM busybox\nCOPY [\"a b\", \"/d\"]", "COPY|{}|[\"a b\", \"/d\"]|[a b, /d]"),
                Arguments.of("FROM busybox\nHEALTHCHECK --interval=5s CMD true", "HEALTHCHECK|{interval=5s}|CMD true|null"),
                Arguments.of("FROM busybox\nHEALTHCHECK NONE", "HEALTHCHECK|{}|NONE|null"),
                Arguments.of("FROM busybox\nENV A=1 B=\"two words\"", "ENV|{}|A=1 B=\"two words\"|null"),
                Arguments.of("FROM busybox\nONBUILD run echo x", "ONBUILD|{}|run echo x|null"),
                Arguments.of("FROM busybox\n\n\n   # trailing comment\nUSER nobody\n", "USER|{}|nobody|null"));
    }

    @ParameterizedTest
    @MethodSource("instructions")
    void parsesTheLastInstruction(String text, String expected) {
        Dockerfile df = DockerfileParser.parse(text);
        List<Instruction> body = df.stages().get(df.stages().size() - 1).body();
        Instruction i = body.get(body.size() - 1);
        String flags = new java.util.TreeMap<>(i.flags()).toString();
        assertEquals(expected, i.keyword() + "|" + flags + "|" + i.args() + "|" + i.json());
    }

    /** Bad Dockerfiles: the message dockerd gives, with the line of the instruction. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("FROM busybox\n\nFOO bar\n", "dockerfile parse error line 3: unknown instruction: FOO"),
                Arguments.of("FROM busybox\nRUN a \\\n b\nfrobnicate x", "dockerfile parse error line 4: unknown instruction: FROBNICATE"),
                Arguments.of("RUN echo\nFROM busybox", "dockerfile parse error line 1: no build stage in current context"),
                Arguments.of("FROM a b\n", "dockerfile parse error line 1: FROM requires either one or three arguments"),
                Arguments.of("FROM busybox\nCOPY onlyone", "dockerfile parse error line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined."),
                Arguments.of("FROM busybox\nWORKDIR", "dockerfile parse error line 2: WORKDIR requires exactly one argument"),
                Arguments.of("FROM busybox\nSHELL /bin/bash", "dockerfile parse error line 2: SHELL requires the arguments to be in JSON form"),
                Arguments.of("FROM busybox\nCOPY --bogus=1 a b", "dockerfile parse error line 2: Unknown flag: bogus"),
                Arguments.of("FROM busybox\nONBUILD FROM x", "dockerfile parse error line 2: FROM isn't allowed as an ONBUILD trigger"),
                Arguments.of("# escape=x\nFROM busybox", "dockerfile parse error line 1: invalid escape token 'x' does not match ` or \\"),
                Arguments.of("FROM busybox AS 1st", "dockerfile parse error line 1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols"),
                Arguments.of("# only a comment\n\n", "the Dockerfile cannot be empty"),
                Arguments.of("ARG X=1\n", "no build stage in current context"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsBadInput(String text, String message) {
        BuildException e = assertThrows(BuildException.class, () -> DockerfileParser.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals(400, e.status());
    }

    @Test
    void stagesMetaArgsAndStepCount() {
        Dockerfile df = DockerfileParser.parse("""
                ARG BASE=busybox
                FROM ${BASE} AS Build
                RUN make
                FROM scratch
                COPY --from=build /out /
                """);
        assertEquals(1, df.metaArgs().size());
        assertEquals(2, df.stages().size());
        assertEquals("build", df.stages().get(0).name());
        assertNull(df.stages().get(1).name());
        assertEquals(5, df.stepCount());
        assertEquals(0, df.stageIndex("BUILD", 2));
        assertEquals(0, df.stageIndex("0", 2));
        assertEquals(-1, df.stageIndex("1", 1), "a stage cannot copy from itself or a later one");
        assertEquals(3, df.stages().get(0).from().line() + 1);
        assertEquals(Map.of("from", "build"), df.stages().get(1).body().get(0).flags());
    }

    @Test
    void originalTextIsWhatStepLinesShow() {
        Dockerfile df = DockerfileParser.parse("FROM busybox\nRUN echo a \\\n  && echo b\n");
        assertEquals("RUN echo a   && echo b", df.stages().get(0).body().get(0).original());
    }
}
