package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.image.ImageFilters;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.ImageSummary;
import dev.jcompose.runtime.image.ImageUsage;
import dev.jcompose.runtime.image.Reference;
import dev.jcompose.runtime.registry.Credentials;
import dev.jcompose.runtime.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /images} routes of the Engine API on the {@link ImageStore}: list, inspect, history, tag, remove,
 * prune, search and {@code POST /auth} (docker login) here; load, save, import and pull in {@link ImageTransfers}. Image names keep their slashes,
 * so the routes end with {@code {name*}} segments. Which containers use an image (removal conflicts, prune)
 * comes from the container part through {@link ImageUsage}.
 */
public final class ImageRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("reference", "dangling", "label", "before", "since");

    private final ImageStore images;
    private final ImageUsage usage;
    private final ImageTransfers transfers;
    private final ImagePrune prune;
    private final RegistryClient registry;

    public ImageRoutes(ImageStore images, ContentStore content, ImageUsage usage, RegistryClient registry) {
        this.images = images;
        this.usage = usage;
        this.transfers = new ImageTransfers(images, content, registry);
        this.prune = new ImagePrune(images, usage);
        this.registry = registry;
    }

    public void register(Router r) {
        r.get("/images/json", this::list);
        r.get("/images/search", req -> {
            throw new RuntimeError(501, "search is not supported by the jcompose embedded engine: it has no registry"
                    + " index to search");
        });
        r.get("/images/get", transfers::saveMany);
        r.post("/images/load", transfers::load);
        r.post("/images/create", transfers::create);
        r.post("/images/prune", prune::handle);
        r.get("/images/{name*}/json", req -> ApiResponse.json(ImageViewsJson.inspect(images.inspect(req.param("name")))));
        r.get("/images/{name*}/history", req -> ApiResponse.json(ImageViewsJson.history(
                images.history(req.param("name")))));
        r.get("/images/{name*}/get", transfers::saveOne);
        r.post("/images/{name*}/tag", this::tag);
        r.delete("/images/{name*}", this::remove);
        r.post("/auth", this::login);
    }

    /** {@code docker login}: dockerd checks the credentials against the registry and keeps nothing. */
    private ApiResponse login(ApiRequest req) {
        var body = req.json();
        Credentials credentials = new Credentials(body.path("username").asText(""), body.path("password").asText(""),
                body.path("identitytoken").asText(""));
        registry.login(body.path("serveraddress").asText(""), credentials);
        return ApiResponse.json(ImageViewsJson.ordered("IdentityToken", "", "Status", "Login Succeeded"));
    }

    private ApiResponse list(ApiRequest req) {
        Map<String, List<String>> filters = ImageFilterQuery.parse(req, LIST_FILTERS);
        List<String> patterns = filters.getOrDefault("reference", List.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImageSummary image : images.list(ImageFilters.parse(filters))) {
            // With a reference filter dockerd shows only the matching names of an image.
            List<String> tags = shown(image.repoTags(), patterns);
            List<String> digests = shown(image.repoDigests(), patterns);
            rows.add(ImageViewsJson.summary(image, tags, digests));
        }
        return ApiResponse.json(rows);
    }

    private static List<String> shown(List<String> names, List<String> patterns) {
        if (patterns.isEmpty()) {
            return names;
        }
        return names.stream().filter(name -> {
            Reference ref = Reference.parse(name);
            return patterns.stream().anyMatch(pattern -> ImageFilterQuery.familiarMatch(pattern, ref));
        }).toList();
    }

    /** 201 with no body, as dockerd answers; the tag defaults to latest. */
    private ApiResponse tag(ApiRequest req) {
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        if (repo.isEmpty()) {
            throw RuntimeError.badRequest("invalid reference format: repository name must have at least one component");
        }
        images.tag(req.param("name"), tag.isEmpty() ? repo : repo + ":" + tag);
        return new ApiResponse.Full(201, null, new byte[0]);
    }

    /** noprune has no effect: images here have no parent images to keep or remove. */
    private ApiResponse remove(ApiRequest req) {
        return ApiResponse.json(ImageViewsJson.deleted(images.remove(req.param("name"), req.flag("force", false),
                usage)));
    }
}
