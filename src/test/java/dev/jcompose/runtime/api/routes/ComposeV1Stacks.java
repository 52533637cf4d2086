package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies a stack of compose-examples/ into a temp dir, adapted to what docker-compose 1.29.2 accepts. Each
 * adaptation must match (a changed example fails here, loudly, instead of silently testing less):
 * <ul>
 *   <li>top-level {@code name:} (1.29.2: "'name' does not match any of the regexes") → dropped, the test gives -p;</li>
 *   <li>{@code depends_on.<svc>.restart: true} (1.29.2: "contains unsupported option: 'restart'") → dropped;</li>
 *   <li>{@code build.dockerfile_inline} (1.29.2: unsupported option) → written to the context's Dockerfile.</li>
 * </ul>
 */
final class ComposeV1Stacks {
    static final Path EXAMPLES = Path.of("compose-examples");
    private static final Pattern INLINE = Pattern.compile("      dockerfile_inline: \\|\\n((?: {8}.*\\n)+)");

    private ComposeV1Stacks() {
    }

    /** The adapted copy of {@code compose-examples/<stack>} under {@code into}; returns its compose file. */
    static Path copy(String stack, Path into) throws IOException {
        Path source = EXAMPLES.resolve(stack);
        Path target = into.resolve(stack);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path file = target.resolve("compose.yaml");
        String text = Files.readString(file);
        switch (stack) {
            case "hello" -> text = drop(text, "(?m)^name: hello\\n");
            case "webapp" -> text = drop(text, "(?m)^ +restart: true\\n");
            case "scale" -> { }
            case "build-demo" -> {
                text = drop(text, "(?m)^name: build-demo\\n");
                Matcher inline = INLINE.matcher(text);
                assertTrue(inline.find(), "build-demo has no dockerfile_inline any more: adapt ComposeV1Stacks");
                Files.writeString(target.resolve("api/Dockerfile"), inline.group(1).replaceAll("(?m)^ {8}", ""));
                text = text.substring(0, inline.start()) + text.substring(inline.end());
            }
            default -> throw new IllegalArgumentException("unknown stack " + stack);
        }
        Files.writeString(file, text);
        return file;
    }

    private static String drop(String text, String regex) {
        String result = text.replaceAll(regex, "");
        assertTrue(!result.equals(text), "no match for " + regex + ": the example changed, adapt ComposeV1Stacks");
        return result;
    }
}
