package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.ImportOptions;
import dev.jcompose.runtime.image.LoadResult;
import dev.jcompose.runtime.image.Platform;
import dev.jcompose.runtime.image.Reference;
import dev.jcompose.runtime.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Images in and out of the store over the API: {@code docker load} (POST /images/load), {@code docker save}
 * (GET /images/get, /images/{name}/get), {@code docker import} and {@code docker pull} (both POST
 * /images/create). Answers are JSON message streams like dockerd's; work that can fail before anything is
 * sent (a bad archive, an unknown name) answers with a plain HTTP error, as dockerd does before its first flush.
 */
final class ImageTransfers {
    private final ImageStore images;
    private final ContentStore content;
    private final ImagePull pull;

    ImageTransfers(ImageStore images, ContentStore content, RegistryClient registry) {
        this.images = images;
        this.content = content;
        this.pull = new ImagePull(images, content, registry);
    }

    /** Loads the whole body first, then reports; quiet changes nothing because there is no progress to hide. */
    ApiResponse load(ApiRequest req) throws IOException {
        if (!req.hasBody()) {
            throw RuntimeError.badRequest("unexpected EOF: the request has no image archive");
        }
        LoadResult result;
        try (InputStream in = req.body()) {
            result = images.load(in);
        }
        JsonMessages messages = JsonMessages.buffer();
        result.lines().forEach(line -> messages.stream(line + "\n"));
        return new ApiResponse.Full(200, JsonMessages.CONTENT_TYPE, messages.bytes());
    }

    ApiResponse saveMany(ApiRequest req) {
        List<String> names = req.query().getOrDefault("names", List.of());
        if (names.isEmpty()) {
            throw RuntimeError.badRequest("no images named: give one or more names");
        }
        return save(names);
    }

    ApiResponse saveOne(ApiRequest req) {
        return save(List.of(req.param("name")));
    }

    private ApiResponse save(List<String> names) {
        SaveArchive archive = new SaveArchive(images, content);
        List<SaveArchive.Entry> entries = archive.select(names);
        return new ApiResponse.Streamed(200, "application/x-tar", out -> archive.write(entries, out));
    }

    /** fromImage pulls, fromSrc imports ("-" = the request body, else a URL to download). */
    ApiResponse create(ApiRequest req) throws IOException {
        String fromImage = req.query("fromImage", "");
        String fromSrc = req.query("fromSrc", "");
        if (!fromImage.isEmpty()) {
            return pull.handle(req, fromImage);
        }
        if (!fromSrc.isEmpty()) {
            return importRootfs(req, fromSrc);
        }
        throw RuntimeError.badRequest("either fromImage or fromSrc is required");
    }

    private ApiResponse importRootfs(ApiRequest req, String fromSrc) throws IOException {
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        String reference = null;
        if (!repo.isEmpty()) {
            Reference parsed = Reference.parse(repo);
            reference = (tag.isEmpty() ? parsed : parsed.withTag(tag)).toString();
        }
        String message = req.query("message", "");
        if (message.isEmpty() && !fromSrc.equals("-")) {
            message = "Imported from " + fromSrc; // dockerd's comment for a downloaded rootfs
        }
        ImportOptions options = new ImportOptions(reference, req.query().getOrDefault("changes", List.of()),
                message, platform(req.query("platform", "")), null);
        Digest id;
        try (InputStream in = fromSrc.equals("-") ? req.body() : download(fromSrc)) {
            id = images.importRootfs(in, options);
        }
        return new ApiResponse.Full(200, JsonMessages.CONTENT_TYPE, JsonMessages.buffer().status(id.toString()).bytes());
    }

    /** fromSrc as a URL, as dockerd allows: http or https only. */
    private static InputStream download(String source) throws IOException {
        URI uri;
        try {
            uri = URI.create(source);
        } catch (IllegalArgumentException e) {
            throw RuntimeError.badRequest("invalid fromSrc: " + source);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw RuntimeError.badRequest("fromSrc must be - or an http(s) URL, not " + source);
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15)).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw RuntimeError.badRequest("Get \"" + source + "\": unexpected status " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + source, e);
        }
    }

    /** {@code os[/arch[/variant]]}; empty for the host's platform. */
    static Platform platform(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("/");
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw RuntimeError.badRequest("invalid platform \"" + text + "\": expected os[/arch[/variant]]");
        }
        String arch = parts.length > 1 ? parts[1] : Platform.host().architecture();
        if (arch.equals("x86_64")) {
            arch = "amd64";
        } else if (arch.equals("aarch64")) {
            arch = "arm64";
        }
        return new Platform(arch, parts[0], parts.length > 2 ? parts[2] : null);
    }
}
