package dev.jcompose.runtime.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Docker's word expansion: quotes, escapes, $VAR, ${VAR}, ${VAR:-x}, ${VAR:+x}; splitting into words. */
class ShellLexTest {
    private static final Map<String, String> ENV = Map.of("A", "one", "EMPTY", "", "SP", "a b", "PATH", "/bin");
    private final ShellLex lex = new ShellLex('\\');

    static Stream<Arguments> words() {
        return Stream.of(
                Arguments.of("$A", "one"),
                Arguments.of("${A}x", "onex"),
                Arguments.of("x$Ay", "x"),
                Arguments.of("${MISSING}", ""),
                Arguments.of("${MISSING:-dflt}", "dflt"),
                Arguments.of("${EMPTY:-dflt}", "dflt"),
                Arguments.of("${EMPTY-dflt}", ""),
                Arguments.of("${A:-dflt}", "one"),
                Arguments.of("${A:+alt}", "alt"),
                Arguments.of("${MISSING:+alt}", ""),
                Arguments.of("${MISSING:-$A}", "one"),
                Arguments.of("'$A'", "$A"),
                Arguments.of("\"$A b\"", "one b"),
                Arguments.of("\\$A", "$A"),
                Arguments.of("\"\\$A\"", "$A"),
                Arguments.of("$", "$"),
                Arguments.of("${PATH}:/usr/bin", "/bin:/usr/bin"),
                Arguments.of("a\\ b", "a b"));
    }

    @ParameterizedTest
    @MethodSource("words")
    void expandsOneWord(String text, String expected) {
        assertEquals(expected, lex.word(text, ENV));
    }

    static Stream<Arguments> splits() {
        return Stream.of(
                Arguments.of("a b  c", List.of("a", "b", "c")),
                Arguments.of("\"a b\" c", List.of("a b", "c")),
                Arguments.of("$SP c", List.of("a", "b", "c")),
                Arguments.of("\"$SP\" c", List.of("a b", "c")),
                Arguments.of("$EMPTY x", List.of("x")),
                Arguments.of("'' x", List.of("", "x")));
    }

    @ParameterizedTest
    @MethodSource("splits")
    void splitsWords(String text, List<String> expected) {
        assertEquals(expected, lex.words(text, ENV));
    }

    @org.junit.jupiter.api.Test
    void backtickEscapeAndErrors() {
        assertEquals("a$b", new ShellLex('`').word("a`$b", ENV));
        assertThrows(BuildException.class, () -> lex.word("\"open", ENV));
        assertThrows(BuildException.class, () -> lex.word("${A", ENV));
        assertThrows(BuildException.class, () -> lex.word("${A:?x}", ENV));
        assertEquals(List.of("k=\"v w\"", "x=1"), lex.rawWords("k=\"v w\" x=1"));
    }
}
