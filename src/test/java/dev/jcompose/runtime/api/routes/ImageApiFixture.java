package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.daemon.DaemonConfig;
import dev.jcompose.runtime.daemon.EngineDaemon;
import dev.jcompose.runtime.daemon.RuntimeStores;
import dev.jcompose.runtime.image.ImageUsage;
import dev.jcompose.runtime.registry.RegistryClient;
import dev.jcompose.runtime.testing.ImageArchives;
import dev.jcompose.runtime.testing.TarBuilder;
import dev.jcompose.runtime.testing.UnixHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A daemon with the image routes on a temp root, a raw HTTP client for its socket, a settable stand-in for
 * the container part's image usage, and small images made in code.
 */
final class ImageApiFixture implements AutoCloseable {
    final DaemonConfig config;
    final RuntimeStores stores;
    final EngineDaemon daemon;
    final UnixHttp http;
    final Map<Digest, List<ImageUsage.User>> users = new ConcurrentHashMap<>();

    ImageApiFixture(Path dir) throws IOException {
        config = new DaemonConfig(dir.resolve("root"), dir.resolve("run"), dir.resolve("run/engine.sock"));
        stores = RuntimeStores.open(config.root());
        ImageUsage usage = id -> users.getOrDefault(id, List.of());
        daemon = new EngineDaemon(config).imageCount(stores::imageCount)
                .addRoutes(new ImageRoutes(stores.images(), stores.content(), usage, new RegistryClient())::register)
                .start();
        http = new UnixHttp(config.socket());
    }

    /** An image made of one small layer; {@code marker} makes it distinct. */
    record Image(byte[] config, byte[] layer, Digest id) {
        byte[] archive(ImageArchives.Format format, String... tags) {
            return ImageArchives.archive(format, config, List.of(layer), List.of(tags));
        }
    }

    static Image image(String marker, Map<String, String> labels, String created) {
        byte[] layer = new TarBuilder().dir("data", 0755).file("data/" + marker, marker, 0644).build();
        byte[] config = ImageArchives.config(List.of(layer), labels, List.of("sh", "-c", "echo " + marker), created);
        return new Image(config, layer, Digest.of(config));
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    UnixHttp.Response load(byte[] archive) {
        return http.post("/v1.41/images/load?quiet=1", archive);
    }

    @Override
    public void close() {
        daemon.close();
    }
}
