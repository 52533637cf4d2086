package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated completion scripts, exercised in a real bash. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    /** Sources the script and asks the completion function for the words after {@code line}. */
    private String complete(Path script, String... words) throws IOException, InterruptedException {
        String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String program = "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_jcompose;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        CliRun r = CliRun.run(dir, Map.of(), "completion", "bash");
        assertEquals(0, r.code(), r.err());
        Path script = dir.resolve("jcompose.bash");
        Files.writeString(script, r.out());
        assertTrue(complete(script, "jcompose", "ru").lines().anyMatch("run"::equals));
        assertTrue(complete(script, "jcompose", "ex").lines().anyMatch("exec"::equals));
        assertTrue(complete(script, "jcompose", "run", "--service-p").lines().anyMatch("--service-ports"::equals));
        assertTrue(complete(script, "jcompose", "cp", "--fol").lines().anyMatch("--follow-link"::equals));
    }

    @Test
    void zshLoadsTheBashScriptThroughBashcompinit() {
        CliRun r = CliRun.run(dir, Map.of(), "completion", "zsh");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("#compdef jcompose\n"), r.out());
        assertTrue(r.out().contains("autoload -U +X bashcompinit && bashcompinit"));
        assertTrue(r.out().contains("complete -F _complete_jcompose"), "the bash script follows");
    }

    @Test
    void otherShellsAreRefused() {
        CliRun r = CliRun.run(dir, Map.of(), "completion", "fish");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unsupported shell \"fish\""), r.err());
    }
}
