package dev.jcompose.runtime.registry;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.image.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Talks to OCI Distribution registries over HTTP. Which base URL a registry has: Docker Hub
 * ({@code docker.io}) is {@code https://registry-1.docker.io}; any other domain is {@code https://<domain>},
 * and an insecure one (by default loopback, as dockerd treats 127.0.0.0/8) falls back to plain
 * {@code http://<domain>} when TLS fails, like dockerd's insecure-registry endpoints.
 */
public final class RegistryClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String HUB_ENDPOINT = "https://registry-1.docker.io";

    private final HttpClient http;
    private final Predicate<String> insecure;

    /** The base URL a registry answered on, and its challenge (null when it asks for no authentication). */
    record Ping(URI base, AuthChallenge challenge) {
    }

    public RegistryClient() {
        this(defaultHttp(), RegistryClient::isLoopback);
    }

    public RegistryClient(HttpClient http, Predicate<String> insecureDomain) {
        this.http = http;
        this.insecure = insecureDomain;
    }

    /** HTTP/1.1 (no h2c upgrade attempts on plain http), no automatic redirects (auth must not follow them). */
    public static HttpClient defaultHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A session for pulling from {@code repository}'s registry with {@code credentials}. */
    public RegistrySession session(Reference repository, Credentials credentials) {
        return new RegistrySession(this, repository, credentials, ping(repository.domain()));
    }

    /**
     * Checks credentials like {@code docker login} does through dockerd: {@code GET /v2/} must answer 200 with
     * them (basic), or the token server must issue a token for them (bearer). 401 with dockerd's wording when not.
     */
    public void login(String serverAddress, Credentials credentials) {
        String domain = domainOf(serverAddress);
        Ping ping = ping(domain);
        if (ping.challenge() == null) {
            return;
        }
        URI uri = ping.base().resolve("/v2/");
        String authorization;
        if (ping.challenge().isBearer()) {
            authorization = "Bearer " + new TokenFetcher(this, credentials).token(ping.challenge(), null);
        } else if (ping.challenge().isBasic() && credentials.hasPassword()) {
            authorization = credentials.basicHeader();
        } else {
            throw new RuntimeError(401, "login attempt to " + uri + " failed: no credentials for "
                    + ping.challenge().scheme() + " authentication");
        }
        try {
            HttpResponse<InputStream> response = send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            readSmall(response.body());
            if (response.statusCode() != 200) {
                throw new RuntimeError(401, "login attempt to " + uri + " failed with status: " + response.statusCode()
                        + (response.statusCode() == 401 ? " Unauthorized" : ""));
            }
        } catch (IOException e) {
            throw RegistryErrors.transport("Get", uri, e);
        }
    }

    /** {@code https://index.docker.io/v1/}, {@code http://host:5000}, {@code host:5000/} → the registry domain. */
    static String domainOf(String serverAddress) {
        String address = serverAddress == null ? "" : serverAddress.strip();
        int scheme = address.indexOf("://");
        if (scheme >= 0) {
            address = address.substring(scheme + 3);
        }
        int slash = address.indexOf('/');
        if (slash >= 0) {
            address = address.substring(0, slash);
        }
        if (address.isEmpty() || address.equals("index.docker.io") || address.equals("registry-1.docker.io")) {
            return Reference.DEFAULT_DOMAIN;
        }
        return address;
    }

    /** The base URLs to try for a domain, in order. */
    List<URI> candidates(String domain) {
        if (domain.equals(Reference.DEFAULT_DOMAIN)) {
            return List.of(URI.create(HUB_ENDPOINT));
        }
        List<URI> bases = new ArrayList<>();
        if (insecure.test(domain)) {
            // Plain HTTP first: a TLS server answers a plain request at once (400), while some plain servers
            // never answer a TLS hello and would hold every pull for a timeout.
            bases.add(URI.create("http://" + domain));
        }
        bases.add(URI.create("https://" + domain));
        return bases;
    }

    /**
     * {@code GET /v2/} on each candidate until one answers 200 or 401; otherwise the first failure (for a
     * loopback registry that is the plain-HTTP one, the message dockerd prints).
     */
    Ping ping(String domain) {
        RuntimeError first = null;
        for (URI base : candidates(domain)) {
            URI uri = base.resolve("/v2/");
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                byte[] body = readSmall(response.body());
                if (response.statusCode() == 200) {
                    return new Ping(base, null);
                }
                if (response.statusCode() == 401) {
                    return new Ping(base, AuthChallenge.preferred(response.headers().allValues("WWW-Authenticate")));
                }
                RuntimeError failure = new RuntimeError(500, "Get \"" + uri + "\": unexpected status "
                        + response.statusCode() + describeBody(body));
                first = first == null ? failure : first;
            } catch (IOException e) {
                first = first == null ? RegistryErrors.transport("Get", uri, e) : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeError(500, "interrupted while contacting " + domain, e);
            }
        }
        throw first;
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** localhost, 127.0.0.0/8 and ::1, with or without a port. */
    public static boolean isLoopback(String domain) {
        String host = domain.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host.startsWith("[::1]");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}");
    }

    static byte[] readSmall(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(64 * 1024);
        }
    }

    private static String describeBody(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text);
    }
}
