package dev.jcompose.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Gets bearer tokens from a registry's token server (the Docker token protocol): {@code GET realm?service=&scope=}
 * with basic credentials when there are any, or — with an identity token — the OAuth2 refresh-token grant
 * ({@code POST realm}, form-encoded). Tokens are cached per realm, service and scope for the session.
 */
final class TokenFetcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient client;
    private final Credentials credentials;
    private final Map<String, String> cache = new HashMap<>();

    TokenFetcher(RegistryClient client, Credentials credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    synchronized String token(AuthChallenge challenge, String scope) {
        String realm = challenge.param("realm");
        if (realm == null || realm.isEmpty()) {
            throw new RuntimeError(500, "registry token challenge has no realm");
        }
        String service = challenge.param("service");
        String key = realm + " " + service + " " + scope;
        String cached = cache.get(key);
        if (cached != null && challenge.param("error") == null) {
            return cached;
        }
        String token = fetch(URI.create(realm), service, scope);
        cache.put(key, token);
        return token;
    }

    private String fetch(URI realm, String service, String scope) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        if (service != null && !service.isEmpty()) {
            params.put("service", service);
        }
        if (scope != null && !scope.isEmpty()) {
            params.put("scope", scope);
        }
        HttpRequest.Builder request;
        URI uri;
        if (!credentials.identityToken().isEmpty()) {
            params.put("grant_type", "refresh_token");
            params.put("refresh_token", credentials.identityToken());
            params.put("client_id", "jcompose");
            uri = realm;
            request = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        } else {
            String separator = realm.getRawQuery() == null ? "?" : "&";
            uri = URI.create(realm + separator + form(params));
            request = HttpRequest.newBuilder(uri).GET();
            if (credentials.hasPassword()) {
                request.header("Authorization", credentials.basicHeader());
            }
        }
        request.timeout(RegistryClient.REQUEST_TIMEOUT).header("User-Agent", "jcompose-engine");
        String method = credentials.identityToken().isEmpty() ? "Get" : "Post";
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = RegistryClient.readSmall(response.body());
            if (response.statusCode() != 200) {
                throw new RuntimeError(500, method + " \"" + uri + "\": " + describe(response.statusCode(), body));
            }
            JsonNode json = JSON.readTree(body);
            String token = json.path("token").asText("");
            if (token.isEmpty()) {
                token = json.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new RuntimeError(500, method + " \"" + uri + "\": the token server answered without a token");
            }
            return token;
        } catch (IOException e) {
            throw RegistryErrors.transport(method, uri, e);
        }
    }

    /** "unauthorized: incorrect username or password" style, from whatever the token server said. */
    private static String describe(int status, byte[] body) {
        RegistryErrors.RegistryError error = RegistryErrors.parse(body);
        if (error != null) {
            return error.text();
        }
        try {
            JsonNode json = JSON.readTree(body);
            String details = json.path("details").asText(json.path("error").asText(""));
            if (!details.isEmpty()) {
                return (status == 401 ? "unauthorized: " : "") + details;
            }
        } catch (IOException e) {
            // plain text or nothing
        }
        return status == 401 ? "unauthorized: authentication required" : "unexpected status " + status;
    }

    private static String form(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }
}
