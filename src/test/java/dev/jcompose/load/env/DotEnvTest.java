package dev.jcompose.load.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotEnvTest {
    @TempDir
    Path tmp;

    @Test
    void unterminatedQuoteNamesFileAndTheLineWhereTheValueStarts() throws Exception {
        Path file = Files.writeString(tmp.resolve(".env"), "A=1\n\nB=\"never\nclosed\nC=3\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> EnvFiles.read(file, true, null, k -> null));
        assertEquals("failed to read " + file + ": line 3: unterminated quoted value \"never", e.getMessage());
        assertEquals(ComposeException.Kind.CONFIG, e.kind());
    }

    @Test
    void linesAreCountedAcrossMultiLineValues() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> DotEnv.parse("A='x\ny'\nB=\"1\n2\n3\"\nC D=4\n", k -> null));
        assertEquals("line 6: key cannot contain a space", e.getMessage());
    }

    @Test
    void osEnvironmentWinsOverEarlierKeysDuringInterpolation() {
        Map<String, String> m = DotEnv.parse("HOST=file\nURL=http://${HOST}/\nOWN=${HOST}-$HOST", Map
                .of("HOST", "os")::get);
        assertEquals(Map.of("HOST", "file", "URL", "http://os/", "OWN", "os-os"), m);
    }

    @Test
    void bareKeysInheritOrVanishEvenAtTheEndOfTheText() {
        Map<String, String> lookup = Map.of("SET", "v", "EMPTY", "");
        assertEquals(Map.of("SET", "v", "EMPTY", ""), DotEnv.parse("SET\nUNSET\nEMPTY", lookup::get));
        assertEquals(Map.of(), DotEnv.parse("  UNSET  ", lookup::get));
    }

    @Test
    void windowsLineEndingsAndByteOrderMark() {
        assertEquals(Map.of("A", "1", "B", "two words", "C", "q"),
                DotEnv.parse("\uFEFFA=1\r\nB = two words \r\n# c\r\nC='q'\r\n", k -> null));
    }

    @Test
    void emptyValuesAndSeparators() {
        Map<String, String> m = DotEnv.parse("A=\nB:\nC: \"x y\"\nD =  # only a comment\nE=a#b\tc #d", k -> null);
        // Compose trims the blanks after the separator before looking for " #": D's value is the "comment".
        assertEquals(Map.of("A", "", "B", "", "C", "x y", "D", "# only a comment", "E", "a#b\tc"), m);
    }

    @Test
    void keysKeepFileOrder() {
        Map<String, String> m = DotEnv.parse("Z=1\nA=2\nM=3\nA=4", k -> null);
        assertEquals(List.of("Z", "A", "M"), List.copyOf(m.keySet()));
        assertEquals("4", m.get("A"));
    }

    @Test
    void reportsUnsetVariablesOfInterpolatedValuesOnly() {
        List<String> unset = new ArrayList<>();
        DotEnv.parseInto(null, "A=$X\nB=\"${Y}\"\nC='$Z'\nD=${W:-d}", new LinkedHashMap<>(), k -> null,
                unset::add);
        assertEquals(List.of("X", "Y"), unset);
    }

    @Test
    void requiredVariableErrorsCarryTheLine() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> DotEnv.parse("A=1\nB=${NOPE:?must be set}", k -> null));
        assertEquals("line 2: required variable NOPE is missing a value: must be set", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\\0101`   | A",
        "`\\0377`   | \u00ff",
        "`\\012`    | `\\012`",
        "`\\0`      | `\\0`",
        "`\\0400`   | `\\0400`",
        "`\\08`     | `\\08`",
        "`\\01010`  | A0",
        "`\\c`      | `\\c`",
        "`\\$X`     | $$X",
        "`a\\`      | `a\\`",
    })
    void escapeExpansion(String in, String out) {
        assertEquals(out, DotEnvParser.expandEscapes(in));
    }

    @Test
    void dollarEscapedInDoubleQuotesStaysLiteral() {
        assertEquals(Map.of("A", "$HOME and $$"), DotEnv.parse("A=\"\\$HOME and $$$$\"", k -> "x"));
    }

    @Test
    void readFilesLetsALaterFileWinAndSeeEarlierValues() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.env"), "A=1\nB=b\n");
        Path b = Files.writeString(tmp.resolve("b.env"), "A=2\nC=${B}${A}\n");
        assertEquals(Map.of("A", "2", "B", "b", "C", "b2"), DotEnv.readFiles(List.of(a, b), Map.of(), k -> { }));
    }

    @Test
    void readFilesRejectsMissingFilesAndDirectories() {
        ComposeException missing = assertThrows(ComposeException.class,
                () -> DotEnv.readFiles(List.of(tmp.resolve("nope.env")), Map.of(), k -> { }));
        assertEquals("couldn't find env file: " + tmp.resolve("nope.env"), missing.getMessage());
        ComposeException dir = assertThrows(ComposeException.class,
                () -> DotEnv.readFiles(List.of(tmp), Map.of(), k -> { }));
        assertEquals(tmp + " is a directory", dir.getMessage());
    }
}
