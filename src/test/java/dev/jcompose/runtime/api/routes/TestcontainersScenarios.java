package dev.jcompose.runtime.api.routes;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Testcontainers, unmodified, in a JVM of its own whose environment points it at an engine the way a user
 * would: {@code DOCKER_HOST=unix://...}, {@code TESTCONTAINERS_RYUK_DISABLED=true} (Ryuk needs an image from a
 * registry) and {@code TESTCONTAINERS_CHECKS_DISABLE=true} (the start-up checks run an alpine image). Each
 * scenario prints {@code PASS name} or {@code FAIL name: why}; {@link TestcontainersTest} reads the lines.
 */
public final class TestcontainersScenarios {
    private static final DockerImageName BUSYBOX = DockerImageName.parse("jcompose/busybox:latest");
    private static final String HTTPD = "mkdir -p /www && echo \"$GREETING\" > /www/index.html && exec httpd -f -p 8080 -h /www";

    private interface Scenario {
        void run() throws Exception;
    }

    private TestcontainersScenarios() {
    }

    public static void main(String[] args) {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("http", TestcontainersScenarios::httpOnAMappedPort);
        scenarios.put("exec", TestcontainersScenarios::execGivesOutputAndExitCode);
        scenarios.put("copy", TestcontainersScenarios::copyToAndFromTheContainer);
        scenarios.put("env-label", TestcontainersScenarios::envAndLabels);
        scenarios.put("logs", TestcontainersScenarios::logsAndALogMessageWait);
        scenarios.put("network", TestcontainersScenarios::aliasOnANetwork);
        scenarios.put("stop-removes", TestcontainersScenarios::stopRemovesEverything);
        System.out.println("ENGINE " + DockerClientFactory.instance().client().infoCmd().exec().getOperatingSystem());
        for (Map.Entry<String, Scenario> s : scenarios.entrySet()) {
            try {
                s.getValue().run();
                System.out.println("PASS " + s.getKey());
            } catch (Throwable e) {
                System.out.println("FAIL " + s.getKey() + ": " + e);
                e.printStackTrace(System.out);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static GenericContainer<?> web() {
        return new GenericContainer<>(BUSYBOX).withEnv("GREETING", "hello from testcontainers")
                .withCommand("sh", "-c", HTTPD).withExposedPorts(8080);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 200, "GET " + url + " answered " + r.statusCode());
        return r.body();
    }

    private static void httpOnAMappedPort() throws Exception {
        try (GenericContainer<?> c = web().waitingFor(Wait.forHttp("/").forStatusCode(200))) {
            c.start();
            String body = get("http://" + c.getHost() + ":" + c.getMappedPort(8080) + "/");
            check(body.strip().equals("hello from testcontainers"), "body: " + body);
        }
        try (GenericContainer<?> c = web().waitingFor(Wait.forListeningPort())) {
            c.start();
            check(c.getMappedPort(8080) > 0, "no mapped port");
        }
    }

    private static void execGivesOutputAndExitCode() throws Exception {
        try (GenericContainer<?> c = new GenericContainer<>(BUSYBOX).withCommand("sleep", "1000")) {
            c.start();
            Container.ExecResult r = c.execInContainer("sh", "-c", "echo out; echo err >&2; exit 3");
            check(r.getExitCode() == 3, "exit code " + r.getExitCode());
            check(r.getStdout().equals("out\n"), "stdout [" + r.getStdout() + "]");
            check(r.getStderr().equals("err\n"), "stderr [" + r.getStderr() + "]");
        }
    }

    private static void copyToAndFromTheContainer() throws Exception {
        Path host = Files.createTempFile("jct-tc-", ".txt");
        try (GenericContainer<?> c = new GenericContainer<>(BUSYBOX).withCommand("sleep", "1000")) {
            Files.writeString(host, "from a host file\n");
            c.withCopyFileToContainer(MountableFile.forHostPath(host), "/opt/before-start.txt");
            c.start();
            c.copyFileToContainer(Transferable.of("payload\n"), "/tmp/dir/payload.txt");
            check(c.execInContainer("cat", "/tmp/dir/payload.txt").getStdout().equals("payload\n"), "payload not there");
            check(c.execInContainer("cat", "/opt/before-start.txt").getStdout().equals("from a host file\n"),
                    "file copied before start not there");
            String back = c.copyFileFromContainer("/tmp/dir/payload.txt",
                    in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            check(back.equals("payload\n"), "copied back: " + back);
            Path out = Files.createTempFile("jct-tc-", ".out");
            c.copyFileFromContainer("/etc/passwd", out.toString());
            check(Files.readString(out).startsWith("root:"), "passwd: " + Files.readString(out));
            Files.delete(out);
        } finally {
            Files.deleteIfExists(host);
        }
    }

    private static void envAndLabels() throws Exception {
        try (GenericContainer<?> c = new GenericContainer<>(BUSYBOX).withCommand("sleep", "1000")
                .withEnv("JCT_VALUE", "forty two").withLabel("dev.jcompose.test", "tc")) {
            c.start();
            check(c.execInContainer("sh", "-c", "echo \"$JCT_VALUE\"").getStdout().equals("forty two\n"), "env");
            Map<String, String> labels = c.getContainerInfo().getConfig().getLabels();
            check("tc".equals(labels.get("dev.jcompose.test")), "labels " + labels);
            check("true".equals(labels.get("org.testcontainers")), "testcontainers' own label: " + labels);
        }
    }

    private static void logsAndALogMessageWait() throws Exception {
        try (GenericContainer<?> c = new GenericContainer<>(BUSYBOX)
                .withCommand("sh", "-c", "echo starting; sleep 1; echo ready-marker; exec sleep 1000")
                .waitingFor(Wait.forLogMessage(".*ready-marker.*\\n", 1).withStartupTimeout(Duration.ofSeconds(30)))) {
            c.start();
            String logs = c.getLogs();
            check(logs.contains("starting\n") && logs.contains("ready-marker\n"), "logs: " + logs);
        }
    }

    private static void aliasOnANetwork() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = web().withNetwork(network).withNetworkAliases("jct-web-alias")
                        .waitingFor(Wait.forHttp("/"));
                GenericContainer<?> client = new GenericContainer<>(BUSYBOX).withNetwork(network)
                        .withCommand("sleep", "1000")) {
            server.start();
            client.start();
            Container.ExecResult r = client.execInContainer("timeout", "5", "wget", "-q", "-O-",
                    "http://jct-web-alias:8080/");
            check(r.getExitCode() == 0 && r.getStdout().strip().equals("hello from testcontainers"),
                    "through the alias: " + r.getExitCode() + " " + r.getStdout() + r.getStderr());
        }
    }

    private static void stopRemovesEverything() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String id;
        String networkId;
        try (Network network = Network.newNetwork()) {
            GenericContainer<?> c = web().withNetwork(network);
            c.start();
            id = c.getContainerId();
            networkId = network.getId();
            c.stop();
            check(docker.listContainersCmd().withShowAll(true).exec().stream().noneMatch(x -> x.getId().equals(id)),
                    "the container is still listed after stop");
        }
        check(docker.listNetworksCmd().exec().stream().noneMatch(n -> n.getId().equals(networkId)),
                "the network is still listed after close");
    }
}
