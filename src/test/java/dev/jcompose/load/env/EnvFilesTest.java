package dev.jcompose.load.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFilesTest {
    @TempDir
    Path tmp;

    @Test
    void dotEnvFormatInterpolatesWithTheProjectEnvironment() throws Exception {
        Path f = Files.writeString(tmp.resolve("web.env"), "URL=http://${HOST}:${PORT:-80}\nexport MODE='raw $X'\n");
        Map<String, String> m = EnvFiles.read(f, true, null, Map.of("HOST", "db")::get);
        assertEquals(Map.of("URL", "http://db:80", "MODE", "raw $X"), m);
        assertEquals(m, EnvFiles.read(f, true, ".env", Map.of("HOST", "db")::get));
    }

    @Test
    void rawFormatTakesValuesAsWritten() throws Exception {
        Path f = Files.writeString(tmp.resolve("raw.env"),
                "\uFEFF# comment\n  A=$HOME \\n # not a comment \nB=\"quoted\"\nC='x\"\nINHERIT\nGONE\n\nD=\r\n");
        Map<String, String> m = EnvFiles.read(f, true, "raw", Map.of("INHERIT", "'v'")::get);
        assertEquals(List.of("A", "B", "C", "INHERIT", "D"), List.copyOf(m.keySet()));
        assertEquals("$HOME \\n # not a comment ", m.get("A"));
        assertEquals("quoted", m.get("B"));
        assertEquals("'x\"", m.get("C"));
        assertEquals("v", m.get("INHERIT"));
        assertEquals("", m.get("D"));
    }

    @Test
    void rawFormatRejectsKeysWithSpaces() throws Exception {
        Path f = Files.writeString(tmp.resolve("raw.env"), "OK=1\nBAD KEY=2\n");
        ComposeException e = assertThrows(ComposeException.class, () -> EnvFiles.read(f, true, "raw", k -> null));
        assertEquals("failed to parse env_file " + f + ": line 2: variable 'BAD KEY' contains whitespaces",
                e.getMessage());
    }

    @Test
    void missingFileIsAnErrorOnlyWhenRequired() {
        Path missing = tmp.resolve("absent.env");
        assertEquals(Map.of(), EnvFiles.read(missing, false, null, k -> null));
        ComposeException e = assertThrows(ComposeException.class, () -> EnvFiles.read(missing, true, null, k -> null));
        assertEquals("env file " + missing + " not found", e.getMessage());
        assertEquals(ComposeException.Kind.CONFIG, e.kind());
    }

    @Test
    void unknownFormatIsAnError() throws Exception {
        Path f = Files.writeString(tmp.resolve("x.env"), "A=1\n");
        ComposeException e = assertThrows(ComposeException.class, () -> EnvFiles.read(f, true, "json", k -> null));
        assertTrue(e.getMessage().startsWith("unsupported env_file format \"json\""), e.getMessage());
    }

    @Test
    void syntaxErrorsNameTheFile() throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.env"), "A=1\nB$=2\n");
        ComposeException e = assertThrows(ComposeException.class, () -> EnvFiles.read(f, true, null, k -> null));
        assertEquals("failed to read " + f + ": line 2: unexpected character \"$\" in variable name \"B$=2\"",
                e.getMessage());
    }
}
