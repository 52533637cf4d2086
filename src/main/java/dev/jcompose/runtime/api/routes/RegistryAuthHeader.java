package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.Json;
import dev.jcompose.runtime.registry.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code X-Registry-Auth} header: base64url (padding optional; some clients send standard base64) of
 * {@code {"username","password","auth","identitytoken","serveraddress"}}, where {@code auth} is base64 of
 * {@code user:password}. Absent, empty or {@code {}} means anonymous.
 */
final class RegistryAuthHeader {
    private RegistryAuthHeader() {
    }

    static Credentials decode(String header) {
        if (header == null || header.isBlank()) {
            return Credentials.ANONYMOUS;
        }
        JsonNode json;
        try {
            byte[] raw = decodeBase64(header.strip());
            json = Json.MAPPER.readTree(raw);
        } catch (IllegalArgumentException | IOException e) {
            throw RuntimeError.badRequest("invalid X-Registry-Auth header: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            return Credentials.ANONYMOUS;
        }
        String username = text(json, "username");
        String password = text(json, "password");
        String auth = text(json, "auth");
        if (username.isEmpty() && password.isEmpty() && !auth.isEmpty()) {
            String pair = new String(decodeBase64(auth), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                username = pair.substring(0, colon);
                password = pair.substring(colon + 1);
            }
        }
        return new Credentials(username, password, text(json, "identitytoken"));
    }

    private static byte[] decodeBase64(String text) {
        String normalised = text.replace('-', '+').replace('_', '/').replaceAll("=+$", "");
        return Base64.getDecoder().decode(normalised + "=".repeat((4 - normalised.length() % 4) % 4));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null) {
            value = json.get(Character.toUpperCase(field.charAt(0)) + field.substring(1));
        }
        return value == null || value.isNull() ? "" : value.asText();
    }
}
