package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {
    private static final URI HOST = URI.create("unix:///var/run/docker.sock");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "404|{\"message\":\"No such container: web\"}|NOT_FOUND|No such container: web",
            "409|{\"message\":\"Conflict. The container name \\\"/web\\\" is already in use\"}|CONFLICT|"
                    + "Conflict. The container name \"/web\" is already in use",
            "403|{\"message\":\"error while removing network: network n id 1 has active endpoints\"}|CONFLICT|"
                    + "error while removing network: network n id 1 has active endpoints",
            "500|{\"message\":\"driver failed programming external connectivity on endpoint web: Bind for "
                    + "0.0.0.0:80 failed: port is already allocated\"}|CONFLICT|driver failed programming external "
                    + "connectivity on endpoint web: Bind for 0.0.0.0:80 failed: port is already allocated",
            "500|{\"message\":\"OCI runtime create failed\"}|ENGINE|OCI runtime create failed",
            "400|not json at all |ENGINE|not json at all"})
    void responsesKeepDockersMessage(int status, String body, Kind kind, String message) {
        ComposeException e = DockerErrors.fromResponse(status, body);
        assertEquals(kind, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void dockerJavaExceptionsAreUnwrapped() {
        ComposeException notFound = DockerErrors.fromClient(
                new NotFoundException("Status 404: {\"message\":\"No such image: x:latest\"}\n"), HOST);
        assertEquals(Kind.NOT_FOUND, notFound.kind());
        assertEquals("No such image: x:latest", notFound.getMessage());
        ComposeException conflict = DockerErrors.fromClient(new ConflictException("Status 409: {\"message\":\"busy\"}"),
                HOST);
        assertEquals(Kind.CONFLICT, conflict.kind());
        assertEquals("busy", conflict.getMessage());
    }

    @Test
    void anUnreachableDaemonGetsTheDockerCliWording() {
        ComposeException e = DockerErrors.fromClient(new RuntimeException(new ConnectException("refused")), HOST);
        assertEquals(Kind.ENGINE, e.kind());
        assertEquals("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon"
                + " running?", e.getMessage());
        ComposeException other = DockerErrors.fromIo(new IOException("broken pipe"), HOST);
        assertTrue(other.getMessage().contains("broken pipe"), other.getMessage());
    }
}
