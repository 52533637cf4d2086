package dev.jcompose.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One image build with the classic builder (Docker API 1.41 {@code POST /build}).
 *
 * @param context    a tar of the build context (uncompressed), as ContextPacker writes it
 * @param dockerfile the Dockerfile's path inside the tar
 * @param tags       every name the image gets; the first is the service's image name
 * @param args       build args (ARG values), in declaration order
 * @param target     the stage to stop at, or null for the last one
 * @param labels     labels added to the image (the daemon appends them as a final LABEL step)
 * @param cacheFrom  images the daemon may use as cache sources
 * @param noCache    ignore the cache
 * @param pull       pull newer versions of the FROM images
 * @param network    network mode of RUN steps (null: the daemon's default)
 * @param shmSize    /dev/shm size of RUN steps in bytes (null: the daemon's default)
 * @param extraHosts "host:ip" entries for /etc/hosts of RUN steps
 */
public record BuildSpec(Path context, String dockerfile, List<String> tags, Map<String, String> args, String target,
        Map<String, String> labels, List<String> cacheFrom, boolean noCache, boolean pull, String network,
        Long shmSize, List<String> extraHosts) {
    public BuildSpec {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(dockerfile, "dockerfile");
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a build needs at least one tag");
        }
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        cacheFrom = cacheFrom == null ? List.of() : List.copyOf(cacheFrom);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }

    /** The service's image name: the tag the built image is looked up by. */
    public String primaryTag() {
        return tags.getFirst();
    }
}
