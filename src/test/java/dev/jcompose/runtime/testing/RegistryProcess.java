package dev.jcompose.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1:&lt;free port&gt; with a config file and storage
 * directory under a test's own directory; optionally htpasswd (basic) authentication. Stopped by {@link #close}.
 */
public final class RegistryProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    /** bcrypt of {@link #PASSWORD} (cost 4), for the htpasswd file. */
    private static final String BCRYPT = "$2b$04$dZaKb6NqSJ2YsFmqKxaEzuRBesnI62dMdjUMBFmCISHRgie1S5IyK";
    public static final String USER = "jct";
    public static final String PASSWORD = "jct-pass";

    private final Process process;
    private final int port;
    private final Path log;

    private RegistryProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public static RegistryProcess start(Path dir, boolean basicAuth) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("storage"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringBuilder config = new StringBuilder();
        config.append("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ")
                .append(dir.resolve("storage")).append("\n  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append("\n  secret: jct-test-secret\n");
        if (basicAuth) {
            Files.writeString(dir.resolve("htpasswd"), USER + ":" + BCRYPT + "\n");
            config.append("auth:\n  htpasswd:\n    realm: jct-realm\n    path: ").append(dir.resolve("htpasswd"))
                    .append("\n");
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config.toString());
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RegistryProcess registry = new RegistryProcess(process, port, log);
        registry.awaitReady();
        return registry;
    }

    public String domain() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(log));
            }
            try {
                int status = client.send(HttpRequest.newBuilder(URI.create("http://" + domain() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IOException("docker-registry did not answer on " + domain() + ": " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
