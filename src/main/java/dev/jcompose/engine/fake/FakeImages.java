package dev.jcompose.engine.fake;

import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.ImageSummary;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Images by id, tags pointing at them, and a scripted "registry" for pulls. Runs under the store lock. */
final class FakeImages {
    private record Image(String id, ImageConfig config, Instant created, long size) {
    }

    private final FakeStore store;
    private final Map<String, Image> images = new LinkedHashMap<>();
    /** normalized "repo:tag" → image id. */
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, ImageConfig> registry = new LinkedHashMap<>();
    /** normalized "repo:tag" → the registry's refusal message. */
    private final Map<String, String> pushRefusals = new LinkedHashMap<>();

    FakeImages(FakeStore store) {
        this.store = store;
    }

    /** "busybox" → "busybox:latest"; "docker.io/library/x" → "x"; digests stay as they are. */
    static String normalize(String ref) {
        String r = ref;
        for (String prefix : List.of("docker.io/library/", "index.docker.io/library/", "docker.io/")) {
            if (r.startsWith(prefix)) {
                r = r.substring(prefix.length());
                break;
            }
        }
        if (r.contains("@")) {
            return r;
        }
        return r.lastIndexOf(':') > r.lastIndexOf('/') ? r : r + ":latest";
    }

    ImageInfo add(String ref, ImageConfig config) {
        String id = "sha256:" + FakeStore.sha256(config.toString());
        images.putIfAbsent(id, new Image(id, config, store.now(), 1_000_000L + config.toString().length()));
        if (ref != null) {
            tags.put(normalize(ref), id);
        }
        return info(images.get(id));
    }

    /** An image with a given id (a build's), untagged until tagged. */
    void put(String id, ImageConfig config) {
        images.putIfAbsent(id, new Image(id, config, store.now(), 1_000_000L + config.toString().length()));
    }

    void addPullable(String ref, ImageConfig config) {
        registry.put(normalize(ref), config);
    }

    /** The image a reference names (tag, full id or id prefix), or null. */
    ImageInfo resolve(String ref) {
        Image image = find(ref);
        return image == null ? null : info(image);
    }

    ImageInfo inspect(String ref) {
        ImageInfo info = resolve(ref);
        if (info == null) {
            throw EngineErrors.notFound("No such image: " + normalize(ref));
        }
        return info;
    }

    private Image find(String ref) {
        String id = tags.get(normalize(ref));
        if (id != null) {
            return images.get(id);
        }
        String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        if (hex.length() >= 4 && hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            List<Image> matches = images.values().stream().filter(i -> i.id.substring(7).startsWith(hex)).toList();
            if (matches.size() == 1) {
                return matches.getFirst();
            }
        }
        return null;
    }

    List<ImageSummary> list(String referenceFilter) {
        List<ImageSummary> out = new ArrayList<>();
        for (Image image : images.values()) {
            List<String> imageTags = tagsOf(image.id);
            if (referenceFilter == null || referenceFilter.isEmpty()
                    || imageTags.stream().anyMatch(t -> matches(referenceFilter, t))) {
                out.add(new ImageSummary(image.id, imageTags, List.of(), image.created, image.size,
                        image.config.labels()));
            }
        }
        return out;
    }

    /** Docker's reference filter: a glob on "repo:tag", or on the repo alone when the pattern has no tag. */
    private static boolean matches(String pattern, String tag) {
        String repo = tag.substring(0, tag.lastIndexOf(':'));
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        return matcher.matches(Path.of(tag)) || matcher.matches(Path.of(repo));
    }

    /** users: ids of containers created from the image. */
    void remove(String ref, boolean force, List<String> users) {
        Image image = find(ref);
        if (image == null) {
            throw EngineErrors.notFound("No such image: " + normalize(ref));
        }
        if (!users.isEmpty() && !force) {
            throw EngineErrors.conflict("conflict: unable to remove repository reference \"" + ref
                    + "\" (must force) - container " + users.getFirst().substring(0, 12)
                    + " is using its referenced image " + image.id.substring(7, 19));
        }
        List<String> imageTags = tagsOf(image.id);
        String tag = normalize(ref);
        if (tags.containsKey(tag) && imageTags.size() > 1) {
            tags.remove(tag);
            store.publish("image", "untag", image.id, Map.of("name", tag));
            return;
        }
        if (!tags.containsKey(tag) && imageTags.size() > 1 && !force) {
            throw EngineErrors.conflict("conflict: unable to delete " + image.id.substring(7, 19)
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        for (String t : imageTags) {
            tags.remove(t);
            store.publish("image", "untag", image.id, Map.of("name", t));
        }
        images.remove(image.id);
        store.publish("image", "delete", image.id, Map.of("name", image.id));
    }

    void tag(String source, String target) {
        Image image = find(source);
        if (image == null) {
            throw EngineErrors.notFound("No such image: " + normalize(source));
        }
        tags.put(normalize(target), image.id);
        store.publish("image", "tag", image.id, Map.of("name", normalize(target)));
    }

    void pull(String ref, Consumer<String> progress) {
        String normalized = normalize(ref);
        ImageConfig config = registry.get(normalized);
        if (config == null) {
            String repo = normalized.contains("@") ? normalized.substring(0, normalized.indexOf('@'))
                    : normalized.substring(0, normalized.lastIndexOf(':'));
            throw EngineErrors.notFound("pull access denied for " + repo + ", repository does not exist or may"
                    + " require 'docker login': denied: requested access to the resource is denied");
        }
        progress.accept("Pulling from " + normalized);
        add(normalized, config);
        progress.accept("Status: Downloaded newer image for " + normalized);
        store.publish("image", "pull", normalized, Map.of("name", normalized));
    }

    /** Copies a local image to the scripted registry, where a later pull finds it; scripted refusals fail. */
    void push(String ref, Consumer<String> progress) {
        String normalized = normalize(ref);
        Image image = find(ref);
        if (image == null) {
            throw EngineErrors.notFound("An image does not exist locally with the tag: "
                    + normalized.substring(0, normalized.lastIndexOf(':')));
        }
        String refusal = pushRefusals.get(normalized);
        if (refusal != null) {
            throw EngineErrors.failure(refusal);
        }
        progress.accept("The push refers to repository [" + normalized.substring(0, normalized.lastIndexOf(':'))
                + "]");
        registry.put(normalized, image.config);
        progress.accept(normalized + ": digest: " + image.id + " size: " + image.size);
        store.publish("image", "push", normalized, Map.of("name", normalized));
    }

    void refusePush(String ref, String message) {
        pushRefusals.put(normalize(ref), message);
    }

    /** The references pushed so far (with the pullable ones added by tests). */
    List<String> registryReferences() {
        return List.copyOf(registry.keySet());
    }

    void load(List<FakeArchive.LoadedImage> loaded) {
        for (FakeArchive.LoadedImage image : loaded) {
            List<String> refs = image.repoTags();
            ImageInfo info = add(refs.isEmpty() ? null : refs.getFirst(), image.config());
            refs.stream().skip(1).forEach(tag -> tag(info.id(), tag));
            store.publish("image", "load", info.id(), Map.of("name", info.id()));
        }
    }

    List<String> tagsOf(String id) {
        return tags.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).toList();
    }

    private ImageInfo info(Image image) {
        return new ImageInfo(image.id, tagsOf(image.id), List.of(), image.created, image.size, "linux", "amd64",
                image.config);
    }
}
