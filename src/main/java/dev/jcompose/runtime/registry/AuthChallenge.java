package dev.jcompose.runtime.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): a scheme and its parameters, e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"}.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
    public AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public String param(String name) {
        return params.get(name);
    }

    /** Every challenge of one or more header values; parameters with unquoted or quoted values, commas between. */
    public static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            parseOne(value, challenges);
        }
        return challenges;
    }

    /** The first Bearer challenge, else the first Basic one, else null. */
    public static AuthChallenge preferred(List<String> headerValues) {
        List<AuthChallenge> all = parse(headerValues);
        return all.stream().filter(AuthChallenge::isBearer).findFirst()
                .orElse(all.stream().filter(AuthChallenge::isBasic).findFirst().orElse(null));
    }

    private static void parseOne(String header, List<AuthChallenge> out) {
        int i = 0;
        int n = header.length();
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (i < n) {
            i = skip(header, i, " ,\t");
            int start = i;
            while (i < n && isToken(header.charAt(i))) {
                i++;
            }
            if (start == i) {
                i++; // stray character: skip it rather than loop forever
                continue;
            }
            String word = header.substring(start, i);
            int afterSpaces = skip(header, i, " \t");
            if (afterSpaces < n && header.charAt(afterSpaces) == '=' && scheme != null) {
                i = skip(header, afterSpaces + 1, " \t");
                StringBuilder value = new StringBuilder();
                if (i < n && header.charAt(i) == '"') {
                    i++;
                    while (i < n && header.charAt(i) != '"') {
                        if (header.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        value.append(header.charAt(i++));
                    }
                    i++;
                } else {
                    while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') {
                        value.append(header.charAt(i++));
                    }
                }
                params.put(word.toLowerCase(Locale.ROOT), value.toString());
            } else {
                if (scheme != null) {
                    out.add(new AuthChallenge(scheme, params));
                    params = new LinkedHashMap<>();
                }
                scheme = word;
            }
        }
        if (scheme != null) {
            out.add(new AuthChallenge(scheme, params));
        }
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean isToken(char c) {
        return Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
