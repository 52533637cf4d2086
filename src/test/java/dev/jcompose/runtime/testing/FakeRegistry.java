package dev.jcompose.runtime.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jcompose.runtime.content.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI Distribution registry in the test JVM (JDK HttpServer on 127.0.0.1), for what a real registry cannot be
 * made to do on demand: bearer token auth with a token server, a tampered blob, a blob redirect to storage that
 * refuses credentials, a schema 1 manifest. Every request is recorded with its Authorization header.
 */
public final class FakeRegistry implements AutoCloseable {
    public enum Auth { NONE, BASIC, BEARER }

    /** One request as the registry saw it. */
    public record Seen(String method, String path, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[a-f0-9]{64})");

    private final HttpServer server;
    private final HttpServer storage;
    private final Auth auth;
    private final String user;
    private final String password;
    private final Map<String, String> tags = new ConcurrentHashMap<>();
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<Digest, String> manifestTypes = new ConcurrentHashMap<>();
    private final Map<Digest, byte[]> tampered = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile boolean redirectBlobs;

    public FakeRegistry(Auth auth, String user, String password) throws IOException {
        this.auth = auth;
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/", this::serveStorage);
        storage.start();
    }

    public static FakeRegistry anonymous() throws IOException {
        return new FakeRegistry(Auth.NONE, null, null);
    }

    /** host:port, the registry part of a reference. */
    public String domain() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<String> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public FakeRegistry redirectBlobs(boolean on) {
        redirectBlobs = on;
        return this;
    }

    /** Serves other bytes than the digest promises for this blob. */
    public FakeRegistry tamper(Digest blob, byte[] replacement) {
        tampered.put(blob, replacement);
        return this;
    }

    public Digest blob(byte[] bytes) {
        Digest digest = Digest.of(bytes);
        blobs.put(digest, bytes);
        return digest;
    }

    /** Stores a manifest (or index) under its digest and, when tag is not null, repo:tag. */
    public Digest manifest(String repo, String tag, String mediaType, byte[] bytes) {
        Digest digest = blob(bytes);
        manifestTypes.put(digest, mediaType);
        if (tag != null) {
            tags.put(repo + ":" + tag, digest.toString());
        }
        return digest;
    }

    /** An image manifest of {@code manifestType} for a config and layer blobs with their media types. */
    public static byte[] imageManifest(String manifestType, String configType, byte[] config, List<byte[]> layers,
            List<String> layerTypes) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", manifestType);
        manifest.set("config", descriptor(configType, config));
        ArrayNode list = manifest.putArray("layers");
        for (int i = 0; i < layers.size(); i++) {
            list.add(descriptor(layerTypes.get(i), layers.get(i)));
        }
        return bytes(manifest);
    }

    /** An index: one entry per (manifest bytes, "os/arch[/variant]"). */
    public static byte[] index(String indexType, String manifestType, List<byte[]> manifests, List<String> platforms) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", indexType);
        ArrayNode list = index.putArray("manifests");
        for (int i = 0; i < manifests.size(); i++) {
            ObjectNode entry = descriptor(manifestType, manifests.get(i));
            String[] p = platforms.get(i).split("/");
            ObjectNode platform = entry.putObject("platform");
            platform.put("os", p[0]).put("architecture", p[1]);
            if (p.length > 2) {
                platform.put("variant", p[2]);
            }
            list.add(entry);
        }
        return bytes(index);
    }

    private static ObjectNode descriptor(String mediaType, byte[] blob) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", Digest.of(blob).toString());
        node.put("size", blob.length);
        return node;
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        String path = URLDecoder.decode(x.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        String authorization = x.getRequestHeaders().getFirst("Authorization");
        if (path.equals("/token")) {
            token(x, authorization);
            return;
        }
        seen.add(new Seen(x.getRequestMethod(), path, authorization));
        Matcher manifest = MANIFEST.matcher(path);
        Matcher blob = BLOB.matcher(path);
        String repo = manifest.matches() ? manifest.group(1) : blob.matches() ? blob.group(1) : null;
        if (!authorized(authorization, repo)) {
            String challenge = auth == Auth.BASIC ? "Basic realm=\"fake\""
                    : "Bearer realm=\"http://" + domain() + "/token\",service=\"fake-registry\""
                    + (repo == null ? "" : ",scope=\"repository:" + repo + ":pull\"");
            x.getResponseHeaders().add("WWW-Authenticate", challenge);
            error(x, 401, "UNAUTHORIZED", "authentication required");
            return;
        }
        if (path.equals("/v2/") || path.equals("/v2")) {
            send(x, 200, "application/json", "{}".getBytes());
        } else if (manifest.matches()) {
            String ref = manifest.group(2);
            String digest = ref.startsWith("sha256:") ? ref : tags.get(repo + ":" + ref);
            if (digest == null || !manifestTypes.containsKey(Digest.parse(digest))) {
                error(x, 404, "MANIFEST_UNKNOWN", "manifest unknown");
                return;
            }
            Digest d = Digest.parse(digest);
            x.getResponseHeaders().add("Docker-Content-Digest", d.toString());
            send(x, 200, manifestTypes.get(d), tampered.getOrDefault(d, blobs.get(d)));
        } else if (blob.matches()) {
            Digest d = Digest.parse(blob.group(2));
            if (!blobs.containsKey(d)) {
                error(x, 404, "BLOB_UNKNOWN", "blob unknown to registry");
            } else if (redirectBlobs) {
                x.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getAddress().getPort()
                        + "/storage/" + d.hex());
                send(x, 307, "text/plain", new byte[0]);
            } else {
                send(x, 200, "application/octet-stream", tampered.getOrDefault(d, blobs.get(d)));
            }
        } else {
            error(x, 404, "NAME_UNKNOWN", "repository name not known to registry");
        }
    }

    /** Blob storage behind a redirect: like S3 with a signed URL, it refuses requests that carry credentials. */
    private void serveStorage(HttpExchange x) throws IOException {
        String authorization = x.getRequestHeaders().getFirst("Authorization");
        seen.add(new Seen(x.getRequestMethod(), "storage:" + x.getRequestURI().getPath(), authorization));
        if (authorization != null) {
            send(x, 400, "text/plain", "credentials must not reach storage".getBytes());
            return;
        }
        Digest d = new Digest(x.getRequestURI().getPath().substring("/storage/".length()));
        send(x, 200, "application/octet-stream", tampered.getOrDefault(d, blobs.get(d)));
    }

    private boolean authorized(String authorization, String repo) {
        return switch (auth) {
            case NONE -> true;
            case BASIC -> basic().equals(authorization);
            case BEARER -> authorization != null && (repo == null
                    ? authorization.startsWith("Bearer tok:")
                    : authorization.equals("Bearer tok:" + user + ":repository:" + repo + ":pull"));
        };
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void token(HttpExchange x, String authorization) throws IOException {
        String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
        tokenRequests.add(URLDecoder.decode(query, StandardCharsets.UTF_8) + " auth=" + (authorization != null));
        String who = authorization == null ? "anonymous" : user;
        if ((authorization != null && !basic().equals(authorization)) || !query.contains("service=fake-registry")) {
            send(x, 401, "application/json", "{\"details\":\"incorrect username or password\"}".getBytes());
            return;
        }
        String scope = "";
        for (String pair : query.split("&")) {
            if (pair.startsWith("scope=")) {
                scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        send(x, 200, "application/json", ("{\"token\":\"tok:" + who + ":" + scope + "\"}").getBytes());
    }

    private static void error(HttpExchange x, int status, String code, String message) throws IOException {
        send(x, status, "application/json", ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"detail\":null}]}").getBytes());
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        storage.stop(0);
    }
}
