package dev.jcompose.app.build;

import dev.jcompose.app.build.IgnorePattern.BadPatternException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of .dockerignore patterns evaluated in order, with moby/patternmatcher's semantics: a path is excluded
 * when the last pattern that applies to it (or to one of its parent directories) is not an exception. Patterns
 * are only tried when they could change the answer: an exception only once something matched, an exclusion only
 * while nothing has.
 */
final class PatternMatcher {
    private final List<IgnorePattern> patterns;
    private final boolean exceptions;

    private PatternMatcher(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.exceptions = patterns.stream().anyMatch(IgnorePattern::exception);
    }

    /** Blank patterns are dropped; a lone "!" or a malformed glob is an error, as in moby's New. */
    static PatternMatcher of(List<String> raw) throws BadPatternException {
        List<IgnorePattern> out = new ArrayList<>();
        for (String r : raw) {
            String p = IgnoreFile.trim(r);
            if (p.isEmpty()) {
                continue;
            }
            p = clean(p);
            boolean exception = p.charAt(0) == '!';
            if (exception) {
                if (p.length() == 1) {
                    throw new BadPatternException("illegal exclusion pattern: \"!\"");
                }
                p = p.substring(1);
            }
            if (!GlobSyntax.valid(p)) {
                throw BadPatternException.syntax(p);
            }
            out.add(new IgnorePattern(p, exception));
        }
        return new PatternMatcher(out);
    }

    List<IgnorePattern> patterns() {
        return patterns;
    }

    boolean hasExceptions() {
        return exceptions;
    }

    /** Per-pattern results of a directory, handed to its children so parents are matched only once. */
    record ParentResults(boolean[] matched) {
        static final ParentResults NONE = new ParentResults(new boolean[0]);
    }

    /** Result of {@link #matchesUsingParentResults}: excluded or not, and what the children need. */
    record Result(boolean excluded, ParentResults forChildren) {
    }

    /** moby's MatchesOrParentMatches: every parent directory is tried against every pattern. */
    boolean matchesOrParentMatches(String file) throws BadPatternException {
        List<String> parents = parentDirs(file);
        boolean matched = false;
        for (IgnorePattern pattern : patterns) {
            if (pattern.exception() != matched) {
                continue;
            }
            boolean match = pattern.matches(file);
            for (int i = 0; !match && i < parents.size(); i++) {
                match = safeMatch(pattern, String.join("/", parents.subList(0, i + 1)));
            }
            if (match) {
                matched = !pattern.exception();
            }
        }
        return matched;
    }

    /**
     * moby's deprecated Matches, still used by docker's TrimBuildFilesFromExcludes: only the parent prefix as deep
     * as the pattern is tried. Like moby's package-level function, the path is cleaned first and "." (the whole
     * context) never matches.
     */
    boolean matchesOneParent(String path) throws BadPatternException {
        String file = clean(path);
        if (file.equals(".")) {
            return false;
        }
        List<String> parents = parentDirs(file);
        boolean matched = false;
        for (IgnorePattern pattern : patterns) {
            if (pattern.exception() != matched) {
                continue;
            }
            boolean match = pattern.matches(file);
            int depth = pattern.text().split("/", -1).length;
            if (!match && !parents.isEmpty() && depth <= parents.size()) {
                match = safeMatch(pattern, String.join("/", parents.subList(0, depth)));
            }
            if (match) {
                matched = !pattern.exception();
            }
        }
        return matched;
    }

    /**
     * moby's MatchesUsingParentResults, the one the context tar walk uses: a pattern that matched the parent
     * directory matches the child; without parent results (top level, or a caller that has none) the parents are
     * tried as in {@link #matchesOrParentMatches}.
     */
    Result matchesUsingParentResults(String path, ParentResults parent) throws BadPatternException {
        boolean[] parentMatched = parent.matched();
        boolean[] mine = new boolean[patterns.size()];
        boolean matched = false;
        for (int i = 0; i < patterns.size(); i++) {
            IgnorePattern pattern = patterns.get(i);
            boolean match = parentMatched.length != 0 && parentMatched[i];
            if (!match) {
                if (pattern.exception() != matched) {
                    continue;
                }
                match = pattern.matches(path);
                if (!match && parentMatched.length == 0) {
                    List<String> parents = parentDirs(path);
                    for (int d = 0; !match && d < parents.size(); d++) {
                        match = safeMatch(pattern, String.join("/", parents.subList(0, d + 1)));
                    }
                }
            }
            mine[i] = match;
            if (match) {
                matched = !pattern.exception();
            }
        }
        return new Result(matched, new ParentResults(mine));
    }

    /** moby ignores errors when matching parents (the pattern already failed or succeeded on the path). */
    private static boolean safeMatch(IgnorePattern pattern, String path) {
        try {
            return pattern.matches(path);
        } catch (BadPatternException e) {
            return false;
        }
    }

    /** The components of Go's filepath.Dir(file); none when that is ".". */
    private static List<String> parentDirs(String file) {
        int slash = file.lastIndexOf('/');
        String dir = slash < 0 ? "." : clean(file.substring(0, slash + 1));
        return dir.equals(".") ? List.of() : List.of(dir.split("/", -1));
    }

    /** Go's filepath.Clean on a slash-separated path (the same lexical rules as path.Clean). */
    static String clean(String path) {
        return dev.jcompose.load.normalize.GoPath.clean(path);
    }
}
