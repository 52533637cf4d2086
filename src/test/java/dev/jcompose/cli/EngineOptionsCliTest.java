package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `engine start|run --userland-proxy`: documented in --help, bad values are usage errors before anything starts. */
class EngineOptionsCliTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("JCOMPOSE_ENGINE_ROOT", dir.resolve("root").toString(), "JCOMPOSE_ENGINE_RUN",
                dir.resolve("run").toString());
    }

    @Test
    void helpDocumentsTheSetting() {
        CliRun r = CliRun.run(dir, env(), "engine", "start", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--userland-proxy=BOOL") && r.out().contains("JCOMPOSE_ENGINE_USERLAND_PROXY")
                && r.out().contains("DNAT"), r.out());
    }

    @Test
    void aBadFlagValueIsAUsageErrorAndStartsNothing() {
        CliRun r = CliRun.run(dir, env(), "engine", "start", "--userland-proxy=maybe");
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("invalid value \"maybe\" for --userland-proxy"), r.err());
        assertTrue(!dir.resolve("root").toFile().exists(), "no daemon was launched");
    }

    @Test
    void aBadEnvironmentValueIsAUsageErrorToo() {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("JCOMPOSE_ENGINE_USERLAND_PROXY", "sometimes");
        CliRun r = CliRun.run(dir, env, "engine", "run");
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("JCOMPOSE_ENGINE_USERLAND_PROXY"), r.err());
    }
}
