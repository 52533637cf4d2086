package dev.jcompose.app.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.build.IgnorePattern.BadPatternException;
import dev.jcompose.app.build.PatternMatcher.ParentResults;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * .dockerignore matching against the cases of moby/patternmatcher's tests (TestMatches, TestMatch, TestCompile and
 * the single-case tests), taken as facts: pattern(s), path, expected answer.
 */
class PatternMatcherTest {

    static Stream<Arguments> single() {
        return Stream.of(
                row("**", "file", true), row("**", "file/", true), row("**/", "file", true),
                row("**/", "file/", true), row("**", "/", true), row("**/", "/", true),
                row("**", "dir/file", true), row("**/", "dir/file", true), row("**", "dir/file/", true),
                row("**/", "dir/file/", true), row("**/**", "dir/file", true), row("**/**", "dir/file/", true),
                row("dir/**", "dir/file", true), row("dir/**", "dir/file/", true),
                row("dir/**", "dir/dir2/file", true), row("dir/**", "dir/dir2/file/", true),
                row("**/dir", "dir", true), row("**/dir", "dir/file", true),
                row("**/dir2/*", "dir/dir2/file", true), row("**/dir2/*", "dir/dir2/file/", true),
                row("**/dir2/**", "dir/dir2/dir3/file", true), row("**/dir2/**", "dir/dir2/dir3/file/", true),
                row("**file", "file", true), row("**file", "dir/file", true), row("**/file", "dir/file", true),
                row("**file", "dir/dir/file", true), row("**/file", "dir/dir/file", true),
                row("**/file*", "dir/dir/file", true), row("**/file*", "dir/dir/file.txt", true),
                row("**/file*txt", "dir/dir/file.txt", true), row("**/file*.txt", "dir/dir/file.txt", true),
                row("**/file*.txt*", "dir/dir/file.txt", true), row("**/**/*.txt", "dir/dir/file.txt", true),
                row("**/**/*.txt2", "dir/dir/file.txt", false), row("**/*.txt", "file.txt", true),
                row("**/**/*.txt", "file.txt", true), row("a**/*.txt", "a/file.txt", true),
                row("a**/*.txt", "a/dir/file.txt", true), row("a**/*.txt", "a/dir/dir/file.txt", true),
                row("a/*.txt", "a/dir/file.txt", false), row("a/*.txt", "a/file.txt", true),
                row("a/*.txt**", "a/file.txt", true), row("a[b-d]e", "ae", false), row("a[b-d]e", "ace", true),
                row("a[b-d]e", "aae", false), row("a[^b-d]e", "aze", true), row(".*", ".foo", true),
                row(".*", "foo", false), row("abc.def", "abcdef", false), row("abc.def", "abc.def", true),
                row("abc.def", "abcZdef", false), row("abc?def", "abcZdef", true), row("abc?def", "abcdef", false),
                row("a\\\\", "a\\", true), row("**/foo/bar", "foo/bar", true), row("**/foo/bar", "dir/foo/bar", true),
                row("**/foo/bar", "dir/dir2/foo/bar", true), row("abc/**", "abc", false),
                row("abc/**", "abc/def", true), row("abc/**", "abc/def/ghi", true), row("**/.foo", ".foo", true),
                row("**/.foo", "bar.foo", false), row("a(b)c/def", "a(b)c/def", true),
                row("a(b)c/def", "a(b)c/xyz", false), row("a.|)$(}+{bc", "a.|)$(}+{bc", true),
                row("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
                row("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
                row("a\\*b", "a*b", true));
    }

    static Stream<Arguments> multi() {
        return Stream.of(
                Arguments.of(List.of("**", "!util/docker/web"), "util/docker/web/foo", false),
                Arguments.of(List.of("**", "!util/docker/web", "util/docker/web/foo"), "util/docker/web/foo", true),
                Arguments.of(List.of("**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"),
                        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false),
                Arguments.of(List.of("**", "!dist/*.whl"),
                        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false),
                // the single-case tests of moby's file
                Arguments.of(List.of("*"), "fileutils.go", true),
                Arguments.of(List.of("*.go"), "fileutils.go", true),
                Arguments.of(List.of("!fileutils.go", "*.go"), "fileutils.go", true),
                Arguments.of(List.of("docs", "!docs/README.md"), "docs/README.md", false),
                Arguments.of(List.of("docs/", "!docs/README.md"), "docs/README.md", false),
                Arguments.of(List.of("docs/*", "!docs/README.md"), "docs/README.md", false),
                Arguments.of(List.of("*.go", "!fileutils.go"), "fileutils.go", false),
                Arguments.of(List.of(), "any/path/there", false));
    }

    private static Arguments row(String pattern, String path, boolean excluded) {
        return Arguments.of(List.of(pattern), path, excluded);
    }

    static Stream<Arguments> all() {
        return Stream.concat(single(), multi());
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("all")
    void matchesOrParentMatches(List<String> patterns, String path, boolean excluded) throws Exception {
        assertEquals(excluded, PatternMatcher.of(patterns).matchesOrParentMatches(path));
    }

    /** The way the context walk asks: each parent directory first, its results handed down. */
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("all")
    void matchesUsingParentResults(List<String> patterns, String path, boolean excluded) throws Exception {
        PatternMatcher matcher = PatternMatcher.of(patterns);
        ParentResults parent = ParentResults.NONE;
        int slash = path.lastIndexOf('/');
        String parentPath = slash < 0 ? "." : PatternMatcher.clean(path.substring(0, slash + 1));
        if (!parentPath.equals(".")) {
            String[] dirs = parentPath.split("/", -1);
            for (int i = 0; i < dirs.length; i++) {
                String dir = String.join("/", Arrays.copyOf(dirs, i + 1));
                parent = matcher.matchesUsingParentResults(dir, parent).forChildren();
            }
        }
        assertEquals(excluded, matcher.matchesUsingParentResults(path, parent).excluded());
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("all")
    void matchesUsingParentResultsWithoutParents(List<String> patterns, String path, boolean excluded)
            throws Exception {
        assertEquals(excluded, PatternMatcher.of(patterns).matchesUsingParentResults(path, ParentResults.NONE)
                .excluded());
    }

    /** Go's filepath.Match table as moby runs it through its (one-parent) Matches: null = ErrBadPattern. */
    static Stream<Arguments> goMatch() {
        return Stream.of(
                Arguments.of("abc", "abc", true), Arguments.of("*", "abc", true), Arguments.of("*c", "abc", true),
                Arguments.of("a*", "a", true), Arguments.of("a*", "abc", true), Arguments.of("a*", "ab/c", true),
                Arguments.of("a*/b", "abc/b", true), Arguments.of("a*/b", "a/c/b", false),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxe/f", true),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxexxx/f", true),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false),
                Arguments.of("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false),
                Arguments.of("a*b?c*x", "abxbbxdbxebxczzx", true), Arguments.of("a*b?c*x", "abxbbxdbxebxczzy", false),
                Arguments.of("ab[c]", "abc", true), Arguments.of("ab[b-d]", "abc", true),
                Arguments.of("ab[e-g]", "abc", false), Arguments.of("ab[^c]", "abc", false),
                Arguments.of("ab[^b-d]", "abc", false), Arguments.of("ab[^e-g]", "abc", true),
                Arguments.of("a\\*b", "a*b", true), Arguments.of("a\\*b", "ab", false),
                Arguments.of("a?b", "a☺b", true), Arguments.of("a[^a]b", "a☺b", true),
                Arguments.of("a???b", "a☺b", false), Arguments.of("a[^a][^a][^a]b", "a☺b", false),
                Arguments.of("[a-ζ]*", "α", true), Arguments.of("*[a-ζ]", "A", false),
                Arguments.of("a?b", "a/b", false), Arguments.of("a*b", "a/b", false),
                Arguments.of("[\\]a]", "]", true), Arguments.of("[\\-]", "-", true),
                Arguments.of("[x\\-]", "x", true), Arguments.of("[x\\-]", "-", true),
                Arguments.of("[x\\-]", "z", false), Arguments.of("[\\-x]", "x", true),
                Arguments.of("[\\-x]", "-", true), Arguments.of("[\\-x]", "a", false),
                Arguments.of("[]a]", "]", null), Arguments.of("[-]", "-", null), Arguments.of("[x-]", "x", null),
                Arguments.of("[x-]", "-", null), Arguments.of("[x-]", "z", null), Arguments.of("[-x]", "x", null),
                Arguments.of("[-x]", "-", null), Arguments.of("[-x]", "a", null), Arguments.of("\\", "a", null),
                Arguments.of("[a-b-c]", "a", null), Arguments.of("[", "a", null), Arguments.of("[^", "a", null),
                Arguments.of("[^bc", "a", null), Arguments.of("a[", "a", null), Arguments.of("a[", "ab", null),
                Arguments.of("*x", "xxx", true));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("goMatch")
    void goFilepathMatchTable(String pattern, String path, Boolean expected) throws Exception {
        if (expected == null) {
            assertThrows(BadPatternException.class, () -> PatternMatcher.of(List.of(pattern)).matchesOneParent(path));
        } else {
            assertEquals(expected, PatternMatcher.of(List.of(pattern)).matchesOneParent(path));
        }
    }

    static Stream<Arguments> compile() {
        return Stream.of(
                Arguments.of("*", "REGEX", "^[^/]*$"), Arguments.of("file*", "REGEX", "^file[^/]*$"),
                Arguments.of("*file", "REGEX", "^[^/]*file$"), Arguments.of("a*/b", "REGEX", "^a[^/]*/b$"),
                Arguments.of("**", "SUFFIX", null), Arguments.of("**/**", "REGEX", "^(.*/)?.*$"),
                Arguments.of("dir/**", "PREFIX", null), Arguments.of("**/dir", "SUFFIX", null),
                Arguments.of("**/dir2/*", "REGEX", "^(.*/)?dir2/[^/]*$"),
                Arguments.of("**/dir2/**", "REGEX", "^(.*/)?dir2/.*$"), Arguments.of("**file", "SUFFIX", null),
                Arguments.of("**/file*txt", "REGEX", "^(.*/)?file[^/]*txt$"),
                Arguments.of("**/**/*.txt", "REGEX", "^(.*/)?(.*/)?[^/]*\\.txt$"),
                Arguments.of("a[b-d]e", "REGEX", "^a[b-d]e$"), Arguments.of(".*", "REGEX", "^\\.[^/]*$"),
                Arguments.of("abc.def", "EXACT", null), Arguments.of("abc?def", "REGEX", "^abc[^/]def$"),
                Arguments.of("**/foo/bar", "SUFFIX", null), Arguments.of("a(b)c/def", "EXACT", null),
                Arguments.of("a.|)$(}+{bc", "EXACT", null),
                Arguments.of("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "EXACT", null));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("compile")
    void patternsCompileToTheSameKindAndExpression(String pattern, String kind, String regex) throws Exception {
        IgnorePattern compiled = PatternMatcher.of(List.of(pattern)).patterns().getFirst();
        assertEquals(kind, compiled.kind().name());
        assertEquals(regex, compiled.regex());
    }

    @Test
    void aLoneExclamationMarkIsAnError() {
        var e = assertThrows(BadPatternException.class, () -> PatternMatcher.of(List.of("!")));
        assertEquals("illegal exclusion pattern: \"!\"", e.getMessage());
    }

    @Test
    void blankPatternsAreDroppedAndSpacesAroundExceptionsTrimmed() throws Exception {
        PatternMatcher m = PatternMatcher.of(List.of("docs", "config", "", "  !docs/README.md  "));
        assertEquals(List.of("docs", "config", "!docs/README.md"),
                m.patterns().stream().map(IgnorePattern::toString).toList());
        assertTrue(m.hasExceptions());
        assertFalse(PatternMatcher.of(List.of("docs")).hasExceptions());
    }

    @Test
    void theWholeContextIsNeverExcluded() throws Exception {
        assertFalse(PatternMatcher.of(List.of("*.go")).matchesOneParent("."));
        assertFalse(PatternMatcher.of(List.of("**")).matchesOneParent("./"));
    }

    /** moby#52203: a pattern that passes the glob check but not the regex compiler fails every time it is used. */
    @Test
    void aPatternTheRegexCompilerRejectsFailsOnEveryUse() throws Exception {
        PatternMatcher m = PatternMatcher.of(List.of("[Local-Only]/"));
        assertThrows(BadPatternException.class, () -> m.matchesOrParentMatches("x"));
        assertThrows(BadPatternException.class, () -> m.matchesOrParentMatches("x"));
    }

    @Test
    void ignoreFileLinesAreReadLikeMoby() {
        String content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ";
        assertEquals(List.of("test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path", "!", "!"),
                IgnoreFile.parse(content));
        assertEquals(List.of("a", "b/c", " # not a comment".strip()),
                IgnoreFile.parse("\uFEFFa\r\n./b/d/../c\n # not a comment\n"));
    }
}
