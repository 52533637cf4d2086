package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command on a pseudo-terminal (there is no real terminal in tests) through Python's pty module: it waits
 * for expected output and types answers, like a user. Output through a file, never a pipe.
 */
public final class PtyDriver {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the terminal showed and how the command ended. */
    public record Result(int exitCode, String output, boolean timedOut) {
        @Override
        public String toString() {
            return "exit " + exitCode + (timedOut ? " (timed out)" : "") + "; terminal output:\n" + output;
        }
    }

    /** One step: wait until {@code expect} is on the screen (empty: at once), then type {@code send}. */
    public record Step(String expect, String send) {
    }

    private PtyDriver() {
    }

    public static String python() {
        for (String p : List.of("/usr/bin/python3", "/root/.pyenv/shims/python3", "/usr/local/bin/python3")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    public static Result run(List<Step> steps, List<String> command, Map<String, String> env) throws IOException,
            InterruptedException {
        Path script = Files.createTempFile("jct-ptyrun-", ".py");
        File out = File.createTempFile("jct-pty-", ".out");
        try (InputStream in = PtyDriver.class.getResourceAsStream("/pty/ptyrun.py")) {
            Files.write(script, in.readAllBytes());
            ArrayNode json = JSON.createArrayNode();
            steps.forEach(s -> json.addArray().add(s.expect()).add(s.send()));
            List<String> cmd = new ArrayList<>(List.of(python(), script.toString(), json.toString(), "30", "100"));
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().remove("DOCKER_HOST");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("pty driver hung: " + Files.readString(out.toPath()));
            }
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            JsonNode r;
            try {
                r = JSON.readTree(text.substring(text.lastIndexOf("\n{") + 1));
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("pty driver failed: " + text, e);
            }
            return new Result(r.path("exit").asInt(), r.path("output").asText(), r.path("timedOut").asBoolean());
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(out.toPath());
        }
    }
}
