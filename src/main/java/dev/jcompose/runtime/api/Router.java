package dev.jcompose.runtime.api;

import dev.jcompose.runtime.RuntimeError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps (method, path) to handlers. Paths are written like {@code /containers/{id}/start}; a parameter matches
 * one segment, except a trailing {@code {name*}} which matches the rest (image names contain slashes).
 */
public final class Router {
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, Pattern pattern, List<String> names, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Handler handler) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)(\\*?)}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            names.add(m.group(1));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?$");
        routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler));
        return this;
    }

    public Router get(String template, Handler h) {
        return add("GET", template, h);
    }

    public Router post(String template, Handler h) {
        return add("POST", template, h);
    }

    public Router delete(String template, Handler h) {
        return add("DELETE", template, h);
    }

    public Router head(String template, Handler h) {
        return add("HEAD", template, h);
    }

    public Router put(String template, Handler h) {
        return add("PUT", template, h);
    }

    /** The matching handler and its path parameters; 404 "page not found" like dockerd when none. */
    public Match match(String method, String path) {
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!r.method().equals(method)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < r.names().size(); i++) {
                params.put(r.names().get(i), java.net.URLDecoder.decode(m.group(i + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return new Match(r.handler(), params);
        }
        if (pathKnown) {
            throw new RuntimeError(405, "method " + method + " not allowed for " + path);
        }
        throw RuntimeError.notFound("page not found");
    }

    public record Match(Handler handler, Map<String, String> params) {
    }
}
