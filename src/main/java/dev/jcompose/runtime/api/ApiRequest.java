package dev.jcompose.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Docker API request: method, path without the /v1.xx prefix, query, path parameters, headers and a body
 * spooled to memory or to a temp file (image loads and build contexts can be large).
 */
public record ApiRequest(String method, String path, String apiVersion, Map<String, List<String>> query,
        Map<String, String> pathParams, Map<String, String> headers, byte[] smallBody, Path bodyFile) {

    public String param(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw RuntimeError.badRequest("missing path parameter " + name);
        }
        return v;
    }

    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    public String query(String name, String fallback) {
        String v = query(name);
        return v == null ? fallback : v;
    }

    /** Docker's boolean query convention: 1/true/True are true; absent uses the fallback. */
    public boolean flag(String name, boolean fallback) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        return v.equals("1") || v.equalsIgnoreCase("true");
    }

    public int intQuery(String name, int fallback) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid value for " + name + ": " + v);
        }
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    public InputStream body() throws IOException {
        if (bodyFile != null) {
            return Files.newInputStream(bodyFile);
        }
        return new java.io.ByteArrayInputStream(smallBody == null ? new byte[0] : smallBody);
    }

    public boolean hasBody() {
        return bodyFile != null || (smallBody != null && smallBody.length > 0);
    }

    /** The JSON body, or an empty object node when there is none. */
    public JsonNode json() {
        try (InputStream in = body()) {
            JsonNode n = Json.MAPPER.readTree(in);
            return n == null || n.isMissingNode() ? Json.MAPPER.createObjectNode() : n;
        } catch (IOException e) {
            throw RuntimeError.badRequest("invalid JSON body: " + e.getMessage());
        }
    }

    /** A JSON query parameter such as filters={"label":["a=b"]}. */
    public JsonNode jsonQuery(String name) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(v);
        } catch (IOException e) {
            throw RuntimeError.badRequest("invalid " + name + " parameter: " + e.getMessage());
        }
    }
}
