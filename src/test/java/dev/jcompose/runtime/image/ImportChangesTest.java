package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.RuntimeError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportChangesTest {
    private static RunConfig apply(String... changes) {
        return ImportChanges.apply(RunConfig.EMPTY, List.of(changes));
    }

    @Test
    void execAndShellForms() {
        RunConfig config = apply("CMD [\"sh\", \"-c\", \"echo hi\"]", "ENTRYPOINT /bin/init --flag");
        assertEquals(List.of("sh", "-c", "echo hi"), config.cmd());
        assertEquals(List.of("/bin/sh", "-c", "/bin/init --flag"), config.entrypoint());
    }

    @Test
    void envAndLabelPairsWithQuotesAndTheLegacyForm() {
        RunConfig config = apply("ENV A=1 B=\"two words\" C='x y'", "ENV LEGACY value with spaces", "ENV A=override",
                "LABEL com.example.a=1 \"quoted key\"=v", "label lower=case");
        assertEquals(List.of("A=override", "B=two words", "C=x y", "LEGACY=value with spaces"), config.env());
        assertEquals(Map.of("com.example.a", "1", "quoted key", "v", "lower", "case"), config.labels());
    }

    @Test
    void exposeVolumeUserWorkdirStopsignalOnbuild() {
        RunConfig config = apply("EXPOSE 80 53/udp 8000-8001", "VOLUME [\"/data\", \"/logs\"]", "VOLUME /cache",
                "USER 1000:1000", "WORKDIR /app", "WORKDIR sub", "STOPSIGNAL SIGINT", "ONBUILD RUN make");
        assertEquals(List.of("53/udp", "80/tcp", "8000/tcp", "8001/tcp"), List.copyOf(config.exposedPorts().keySet()));
        assertEquals(List.of("/cache", "/data", "/logs"), List.copyOf(config.volumes().keySet()));
        assertEquals("1000:1000", config.user());
        assertEquals("/app/sub", config.workingDir());
        assertEquals("SIGINT", config.stopSignal());
        assertEquals(List.of("RUN make"), config.onBuild());
    }

    @Test
    void healthcheck() {
        HealthConfig health = apply("HEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD wget -q localhost")
                .healthcheck();
        assertEquals(List.of("CMD-SHELL", "wget -q localhost"), health.test());
        assertEquals(90_000_000_000L, health.interval());
        assertEquals(500_000_000L, health.timeout());
        assertEquals(3, health.retries());
        assertEquals(List.of("CMD", "true"), apply("HEALTHCHECK CMD [\"true\"]").healthcheck().test());
        assertEquals(List.of("NONE"), apply("HEALTHCHECK NONE").healthcheck().test());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUN echo", "FROM busybox", "EXPOSE 99999", "EXPOSE abc", "ENV", "ENV novalue",
            "ENV A=1 B", "HEALTHCHECK --interval=x CMD true", "HEALTHCHECK --nope=1 CMD true", "CMD [\"unterminated\"",
            "USER", "ENV A=\"open"})
    void rejectsInvalidChanges(String change) {
        assertEquals(400, assertThrows(RuntimeError.class, () -> apply(change)).status());
    }
}
