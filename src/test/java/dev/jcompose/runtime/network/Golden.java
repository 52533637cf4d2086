package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden-file comparison; {@code -Dgolden.update=true} rewrites the files (review the diff before committing). */
final class Golden {
    private static final Path DIR = Path.of("src/test/resources/runtime/network");

    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual);
        }
        assertEquals(Files.readString(file), actual, "golden file " + file);
    }
}
