package dev.jcompose.runtime.testing;

import dev.jcompose.runtime.content.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pushes blobs and manifests into a registry over the OCI Distribution API (monolithic upload: POST an upload,
 * PUT the bytes with {@code ?digest=}, PUT the manifest), for registries reached without dockerd.
 */
public final class RegistryPush {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    public RegistryPush(String domain, String user, String password) {
        this.base = "http://" + domain;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Digest blob(String repo, byte[] bytes) throws IOException, InterruptedException {
        Digest digest = Digest.of(bytes);
        HttpResponse<String> start = http.send(request(base + "/v2/" + repo + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(202, start);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(base).resolve(location);
        String separator = upload.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> put = http.send(request(upload + separator + "digest=" + digest)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        expect(201, put);
        return digest;
    }

    public Digest manifest(String repo, String reference, String mediaType, byte[] bytes)
            throws IOException, InterruptedException {
        HttpResponse<String> put = http.send(request(base + "/v2/" + repo + "/manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(201, put);
        return Digest.of(bytes);
    }

    private HttpRequest.Builder request(String uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("registry answered " + response.statusCode() + " to " + response.request().method()
                    + " " + response.request().uri() + ": " + response.body());
        }
    }
}
