package dev.jcompose.runtime.api.routes;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineContract;
import dev.jcompose.engine.docker.DockerEngine;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Engine contract (the same suite dockerd and the fake pass) against the embedded daemon, through
 * docker-java. Tests that need a part not wired into the daemon yet are disabled by a probe of its route, so
 * they switch on by themselves when the part arrives: networks (/networks), images (/images) and port
 * publishing (the port proxy comes with networking); DNS between containers is skipped by the contract itself
 * (realNetworking false) until networking is wired.
 */
@Tag("root")
@ExtendWith(EmbeddedEngineContractTest.NeedsParts.class)
class EmbeddedEngineContractTest extends EngineContract {
    private static EmbeddedDaemon daemon;

    /** test method → the route it needs (a GET that answers 404 "page not found" while the part is missing). */
    private static final Map<String, String> NEEDS = Map.of(
            "networksCreateListInspectAndRemove", "/networks",
            "containersJoinNetworksWithAliasesAndAddresses", "/networks",
            "imagesInspectTagAndUntag", "/images/json",
            "publishedPortsGetAHostPortAndConflict", "port publishing");

    @BeforeAll
    static void startDaemon() throws IOException {
        daemon = new EmbeddedDaemon().start();
    }

    @AfterAll
    static void stopDaemon() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Override
    protected Engine newEngine() {
        return new DockerEngine(DockerEngine.Options.of(daemon.uri()));
    }

    @Override
    protected boolean realNetworking() {
        return false;
    }

    static final class NeedsParts implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String method = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse(null);
            String route = method == null ? null : NEEDS.get(method);
            if (route == null || daemon == null) {
                return ConditionEvaluationResult.enabled("needs nothing missing");
            }
            if (route.equals("port publishing") || !served(daemon.config.socket(), route)) {
                return ConditionEvaluationResult.disabled("needs " + route + ", not wired into the daemon yet");
            }
            return ConditionEvaluationResult.enabled(route + " is served");
        }
    }

    /** False when the daemon answers 404 "page not found" (no such route). */
    static boolean served(Path socket, String path) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET /v1.41" + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (ch.read(buf) >= 0 && buf.hasRemaining()) {
                // read until the server closes
            }
            String answer = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            return !(answer.startsWith("HTTP/1.1 404") && answer.contains("page not found"));
        } catch (IOException e) {
            return false;
        }
    }
}
