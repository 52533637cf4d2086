package dev.jcompose.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.image.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

/**
 * Pulling from one repository of one registry: the base URL and challenge found by the ping, the credentials,
 * and the current {@code Authorization} (basic, or a bearer token for {@code repository:<path>:pull}). A 401 with
 * a new challenge (another scope, an expired token) fetches a new token once and retries.
 */
public final class RegistrySession {
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A manifest or index as the registry sent it, with its media type and (checked) digest. */
    public record Manifest(byte[] bytes, String mediaType, Digest digest) {
    }

    private final RegistryClient client;
    private final Reference repository;
    private final Credentials credentials;
    private final URI base;
    private final TokenFetcher tokens;
    private String authorization;

    RegistrySession(RegistryClient client, Reference repository, Credentials credentials, RegistryClient.Ping ping) {
        this.client = client;
        this.repository = repository;
        this.credentials = credentials;
        this.base = ping.base();
        this.tokens = new TokenFetcher(client, credentials);
        if (ping.challenge() != null) {
            // Authenticate up front, as dockerd does, so the first manifest request does not bounce.
            authorize(ping.challenge(), null);
        }
    }

    public URI base() {
        return base;
    }

    /** The manifest or index {@code tagOrDigest} names, checked against the digests the registry and the caller give. */
    public Manifest manifest(String tagOrDigest, Reference named) {
        URI uri = uri("/manifests/" + tagOrDigest);
        HttpResponse<InputStream> response = get(uri, MANIFEST_ACCEPT, named);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw RegistryErrors.transport("Get", uri, e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw RuntimeError.badRequest("manifest " + named.familiarString() + " is larger than " + MAX_MANIFEST_BYTES
                    + " bytes");
        }
        Digest digest = Digest.of(bytes);
        String claimed = response.headers().firstValue("Docker-Content-Digest").orElse("");
        if (Digest.isValid(claimed) && !Digest.parse(claimed).equals(digest)) {
            throw RuntimeError.badRequest("manifest digest mismatch for " + named.familiarString() + ": registry says "
                    + claimed + ", content is " + digest);
        }
        if (Digest.isValid(tagOrDigest) && !Digest.parse(tagOrDigest).equals(digest)) {
            throw RuntimeError.badRequest("manifest verification failed for digest " + tagOrDigest + ": got " + digest);
        }
        String mediaType = mediaType(response.headers().firstValue("Content-Type").orElse(""), bytes, named);
        return new Manifest(bytes, mediaType, digest);
    }

    /** Opens a blob; the caller checks its digest and size while storing it. */
    public InputStream blob(Digest digest) {
        return get(uri("/blobs/" + digest), "*/*", repository).body();
    }

    private URI uri(String suffix) {
        return base.resolve("/v2/" + repository.path() + suffix);
    }

    /** GET with authentication (one retry after a fresh challenge) and redirects without credentials. */
    private HttpResponse<InputStream> get(URI uri, String accept, Reference named) {
        HttpResponse<InputStream> response = send(uri, accept, authorization);
        if (response.statusCode() == 401) {
            String before = authorization;
            byte[] refusal = readBody(response);
            AuthChallenge challenge = AuthChallenge.preferred(response.headers().allValues("WWW-Authenticate"));
            if (challenge == null || !authorize(challenge, uri) || authorization.equals(before)) {
                throw RegistryErrors.forStatus(401, refusal, named, uri);
            }
            response = send(uri, accept, authorization);
        }
        for (int hops = 0; REDIRECTS.contains(response.statusCode()) && hops < MAX_REDIRECTS; hops++) {
            String location = response.headers().firstValue("Location").orElse(null);
            drain(response);
            if (location == null) {
                break;
            }
            URI next = uri.resolve(location);
            // Blob redirects go to storage that must not see the registry's credentials (and rejects them).
            String auth = next.getRawAuthority().equals(uri.getRawAuthority()) ? authorization : null;
            uri = next;
            response = send(uri, accept, auth);
        }
        if (response.statusCode() / 100 != 2) {
            throw RegistryErrors.forStatus(response.statusCode(), readBody(response), named, uri);
        }
        return response;
    }

    private static byte[] readBody(HttpResponse<InputStream> response) {
        try {
            return RegistryClient.readSmall(response.body());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private HttpResponse<InputStream> send(URI uri, String accept, String auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", accept)
                .header("User-Agent", "jcompose-engine");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw RegistryErrors.transport("Get", uri, e);
        }
    }

    /** Sets the authorization a challenge asks for; false when there is nothing new to try. */
    private boolean authorize(AuthChallenge challenge, URI failed) {
        if (challenge.isBasic()) {
            if (!credentials.hasPassword()) {
                if (failed == null) {
                    return false;
                }
                throw new RuntimeError(500, "Get \"" + failed + "\": no basic auth credentials");
            }
            authorization = credentials.basicHeader();
            return true;
        }
        if (challenge.isBearer()) {
            String scope = challenge.param("scope");
            if (scope == null || scope.isEmpty()) {
                scope = "repository:" + repository.path() + ":pull";
            }
            authorization = "Bearer " + tokens.token(challenge, scope);
            return true;
        }
        return false;
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(64 * 1024);
        } catch (IOException e) {
            // only the status and headers matter here
        }
    }

    /** The Content-Type without parameters, or, when the registry sends none useful, the JSON's own mediaType. */
    static String mediaType(String contentType, byte[] bytes, Reference named) {
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/vnd.docker.distribution.manifest.v1")) {
            throw unsupportedSchema1(named);
        }
        if (MediaTypes.isIndex(type) || MediaTypes.isManifest(type)) {
            return type;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node.path("schemaVersion").asInt() == 1) {
                throw unsupportedSchema1(named);
            }
            String declared = node.path("mediaType").asText("");
            if (MediaTypes.isIndex(declared) || MediaTypes.isManifest(declared)) {
                return declared;
            }
            return node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        } catch (IOException e) {
            throw RuntimeError.badRequest("invalid manifest for " + named.familiarString() + ": not JSON");
        }
    }

    private static RuntimeError unsupportedSchema1(Reference named) {
        return RuntimeError.badRequest("unsupported manifest format for " + named.familiarString()
                + ": Docker image manifest schema 1 is not supported; push the image again with a current client");
    }
}
