package dev.jcompose.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import dev.jcompose.engine.wire.Json;
import dev.jcompose.error.ComposeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two HTTP pools to one daemon: "short" for calls that answer at once (with a response timeout, so a hung
 * daemon fails the command), "long" for calls that legitimately block (stop, wait, exec, logs, events,
 * pull, load), which must never time out by themselves.
 */
final class DockerConnection implements AutoCloseable {
    static final String API_VERSION = "1.41";
    static final String PREFIX = "/v" + API_VERSION;

    private final URI host;
    private final Map<String, String> env;
    private final DockerEngine.Options options;
    private final DockerHttpClient shortHttp;
    /** Built on first use: no-op commands (`up` with nothing to do, `ps`, `plan`) never need it. */
    private DockerHttpClient longHttp;
    private final com.github.dockerjava.transport.SSLConfig ssl;
    /**
     * Built on first use: docker-java's client and its object mapper cost a few hundred ms of class loading and
     * initialisation, which `up`, `down` and `plan` (plain request/response calls only) should not pay.
     */
    private DockerClient streams;

    DockerConnection(DockerEngine.Options options) {
        this.host = options.host();
        this.env = options.env();
        this.options = options;
        // Not DefaultDockerClientConfig here: building it reads ~/.docker/config.json through docker-java's own
        // object mapper (~20 ms of every command); only the streams client, built on first use, needs it.
        this.ssl = sslConfig(options);
        this.shortHttp = shortClient(options, ssl);
    }

    /** The JDK-only client on unix sockets (see UnixHttpClient); Apache's for tcp hosts, with or without TLS. */
    private static DockerHttpClient shortClient(DockerEngine.Options options,
            com.github.dockerjava.transport.SSLConfig ssl) {
        if ("unix".equals(options.host().getScheme())) {
            return new UnixHttpClient(java.nio.file.Path.of(options.host().getPath()), options.parallel() + 4,
                    options.responseTimeout());
        }
        return new ApacheDockerHttpClient.Builder().dockerHost(options.host())
                .sslConfig(ssl).maxConnections(options.parallel() + 4)
                .connectionTimeout(options.connectTimeout()).responseTimeout(options.responseTimeout()).build();
    }

    /** DOCKER_TLS_VERIFY: the certificates of DOCKER_CERT_PATH (default ~/.docker), as docker-java reads them. */
    static com.github.dockerjava.transport.SSLConfig sslConfig(DockerEngine.Options options) {
        if (options.env().getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()) {
            return null;
        }
        String certPath = options.env().getOrDefault("DOCKER_CERT_PATH", "");
        return new com.github.dockerjava.core.LocalDirectorySSLConfig(certPath.isEmpty()
                ? System.getProperty("user.home") + "/.docker" : certPath);
    }

    private static DockerClientConfig clientConfig(DockerEngine.Options options) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(options.host().toString()).withApiVersion(API_VERSION);
        String certPath = options.env().get("DOCKER_CERT_PATH");
        boolean tls = !options.env().getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
        builder.withDockerTlsVerify(tls);
        if (tls && certPath != null && !certPath.isEmpty()) {
            builder.withDockerCertPath(certPath);
        }
        return builder.build();
    }

    URI host() {
        return host;
    }

    /** DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, for connections made outside docker-java (hijacked streams). */
    Map<String, String> env() {
        return env;
    }

    /**
     * A request on the long pool whose answer the caller streams and closes (container archives). A failed
     * answer is read, closed and thrown as the engine's error.
     */
    Response open(Request.Method method, String path, Map<String, String> query, InputStream body,
            String contentType) {
        Request.Builder builder = Request.builder().method(method).path(PREFIX + path + queryString(query));
        if (body != null) {
            builder.putHeader("Content-Type", contentType).body(body);
        }
        Response response;
        try {
            response = longHttp().execute(builder.build());
        } catch (UncheckedIOException e) {
            throw DockerErrors.fromIo(e.getCause(), host);
        } catch (RuntimeException e) {
            throw DockerErrors.fromClient(e, host);
        }
        int status = response.getStatusCode();
        if (status >= 300) {
            String text;
            try (InputStream in = response.getBody()) {
                text = in == null ? "" : new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            } finally {
                response.close();
            }
            throw DockerErrors.fromResponse(status, text);
        }
        return response;
    }

    private synchronized DockerHttpClient longHttp() {
        if (longHttp == null) {
            // Streams hold a connection each (one `logs -f` per container, events), so this pool is wider.
            longHttp = new ApacheDockerHttpClient.Builder().dockerHost(options.host())
                    .sslConfig(ssl).maxConnections(Math.max(64, options.parallel() * 4))
                    .connectionTimeout(options.connectTimeout()).build();
        }
        return longHttp;
    }

    /** The docker-java client for streaming commands (logs, events, exec attach, pull). */
    synchronized DockerClient streams() {
        if (streams == null) {
            streams = DockerClientImpl.getInstance(clientConfig(options), longHttp());
        }
        return streams;
    }

    JsonNode get(String path, Map<String, String> query) {
        return call(shortHttp, "GET", path, query, null);
    }

    JsonNode post(String path, Map<String, String> query, JsonNode body) {
        return call(shortHttp, "POST", path, query, body == null ? null : bytes(body));
    }

    /** A POST that may block for long (stop with a grace period, wait). */
    JsonNode postLong(String path, Map<String, String> query, JsonNode body) {
        return call(longHttp(), "POST", path, query, body == null ? null : bytes(body));
    }

    JsonNode delete(String path, Map<String, String> query) {
        return call(shortHttp, "DELETE", path, query, null);
    }

    /** GET answering plain text (/_ping). */
    String getText(String path) {
        return execute(shortHttp, Request.builder().method(Request.Method.GET).path(PREFIX + path).build());
    }

    /** POST with a raw request body (an image archive) on the long pool; returns the raw answer. */
    String postStream(String path, Map<String, String> query, InputStream body, String contentType) {
        Request request = Request.builder().method(Request.Method.POST).path(PREFIX + path + queryString(query))
                .putHeader("Content-Type", contentType).body(body).build();
        return execute(longHttp(), request);
    }

    /** Reads a streamed answer body; may throw ComposeException to fail the call. */
    interface BodyReader {
        void read(InputStream body) throws IOException;
    }

    /**
     * POST with a raw request body on the long pool whose answer is read while it streams (a build's JSON
     * messages). {@code pathAndQuery} is already encoded (the build query repeats keys). A status >= 300 fails
     * with the daemon's message before the reader sees anything.
     */
    void postStreaming(String pathAndQuery, InputStream body, String contentType, BodyReader reader) {
        Request request = Request.builder().method(Request.Method.POST).path(PREFIX + pathAndQuery)
                .putHeader("Content-Type", contentType).body(body).build();
        try (Response response = longHttp().execute(request)) {
            int status = response.getStatusCode();
            try (InputStream answer = response.getBody()) {
                if (status >= 300) {
                    throw DockerErrors.fromResponse(status,
                            answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8));
                }
                if (answer != null) {
                    reader.read(answer);
                }
            }
        } catch (dev.jcompose.error.ComposeException e) {
            throw e;
        } catch (IOException e) {
            throw DockerErrors.fromIo(e, host);
        } catch (UncheckedIOException e) {
            throw DockerErrors.fromIo(e.getCause(), host);
        } catch (RuntimeException e) {
            throw DockerErrors.fromClient(e, host);
        }
    }

    private JsonNode call(DockerHttpClient http, String method, String path, Map<String, String> query,
            byte[] body) {
        Request.Builder builder = Request.builder().method(Request.Method.valueOf(method))
                .path(PREFIX + path + queryString(query));
        if (body != null) {
            builder.putHeader("Content-Type", "application/json").bodyBytes(body);
        }
        String text = execute(http, builder.build());
        return text.isBlank() ? null : Json.parse(text);
    }

    /**
     * Returns the body ("" when empty, and for 304 Not Modified: the no-op answer). Called on a virtual thread
     * (observer, plan walker), the blocking exchange runs on a platform thread: a virtual thread parked on a
     * socket wakes the JDK's I/O poller, whose thread then stays in a native epoll_wait, and at exit the JVM
     * waits ~300 ms for threads in native code — every command that talked to the engine paid that.
     */
    private String execute(DockerHttpClient http, Request request) {
        if (!Thread.currentThread().isVirtual()) {
            return exchange(http, request);
        }
        Future<String> call = BlockingIo.POOL.submit(() -> exchange(http, request));
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted while calling " + host);
        }
    }

    /** Daemon platform threads for blocking engine calls made from virtual threads (see execute). */
    private static final class BlockingIo {
        static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jcompose-engine-io");
            t.setDaemon(true);
            return t;
        });
    }

    private String exchange(DockerHttpClient http, Request request) {
        String text;
        int status;
        try (Response response = http.execute(request)) {
            status = response.getStatusCode();
            try (InputStream body = response.getBody()) {
                text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw DockerErrors.fromIo(e, host);
        } catch (UncheckedIOException e) {
            throw DockerErrors.fromIo(e.getCause(), host);
        } catch (RuntimeException e) {
            throw DockerErrors.fromClient(e, host);
        }
        if (status == DockerErrors.NOT_MODIFIED) {
            return "";
        }
        if (status >= 300) {
            throw DockerErrors.fromResponse(status, text);
        }
        return text;
    }

    private static byte[] bytes(JsonNode body) {
        return Json.bytes(body);
    }

    static Map<String, String> query(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                out.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return out;
    }

    /** The "filters" query value: {"label": ["a=b", "c"]} (omitted when empty). */
    static String labelFilters(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            return null;
        }
        var node = Json.object();
        var array = node.putArray("label");
        labels.forEach(array::add);
        return Json.write(node);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> joiner.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joiner.toString();
    }

    @Override
    public void close() {
        DockerClient client;
        DockerHttpClient pool;
        synchronized (this) {
            client = streams;
            pool = longHttp;
        }
        try {
            if (client != null) {
                client.close(); // closes longHttp too
            } else if (pool != null) {
                pool.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing a broken connection has nothing useful to report
        }
        try {
            shortHttp.close();
        } catch (IOException ignored) {
            // idem
        }
    }
}
