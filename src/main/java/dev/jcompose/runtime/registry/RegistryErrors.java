package dev.jcompose.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.image.Reference;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Registry failures worded as dockerd words them (moby distribution/errors.go), so clients print the same
 * messages: a registry error code becomes {@code "manifest unknown: <message>"}, and the codes meaning "not
 * there" become 404s naming the image.
 */
final class RegistryErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first error of a registry's {@code {"errors":[{"code","message"}]}} body. */
    record RegistryError(String code, String message) {
        /** Go's errcode formatting: the code lower-cased with spaces, then the message. */
        String text() {
            return code.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }

    private RegistryErrors() {
    }

    static RegistryError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                return new RegistryError(first.path("code").asText("UNKNOWN"), first.path("message").asText(""));
            }
        } catch (IOException e) {
            // not JSON: the caller describes the status instead
        }
        return null;
    }

    /** The error for a failed request about {@code ref}. */
    static RuntimeError forStatus(int status, byte[] body, Reference ref, URI uri) {
        RegistryError error = parse(body);
        if (error == null) {
            if (status == 404) {
                return RuntimeError.notFound("manifest for " + ref.familiarString() + " not found: manifest unknown: "
                        + "manifest unknown");
            }
            return new RuntimeError(500, "error from registry: unexpected status " + status + " for " + uri);
        }
        return switch (error.code()) {
            case "DENIED" -> RuntimeError.notFound("pull access denied for " + ref.familiarName()
                    + ", repository does not exist or may require 'docker login': " + error.text());
            case "MANIFEST_UNKNOWN" -> RuntimeError.notFound("manifest for " + ref.familiarString() + " not found: "
                    + error.text());
            case "NAME_UNKNOWN" -> RuntimeError.notFound("repository " + ref.familiarName() + " not found: "
                    + error.text());
            default -> new RuntimeError(500, error.text());
        };
    }

    /** A transport failure, worded like Go's net/http client: {@code Get "url": reason}. */
    static RuntimeError transport(String method, URI uri, IOException e) {
        String reason = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            reason = "connect: connection refused";
        } else if (e instanceof java.net.http.HttpTimeoutException) {
            reason = "timeout";
        } else if (reason == null || reason.isBlank()) {
            reason = e.getClass().getSimpleName();
        }
        return new RuntimeError(500, method + " \"" + uri + "\": " + reason, e);
    }

    static String method(String m) {
        return m.charAt(0) + m.substring(1).toLowerCase(Locale.ROOT);
    }
}
