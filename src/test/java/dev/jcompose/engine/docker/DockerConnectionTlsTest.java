package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.dockerjava.core.LocalDirectorySSLConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TLS settings of the request clients come from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH like docker's. */
class DockerConnectionTlsTest {
    private static DockerEngine.Options options(Map<String, String> env) {
        return new DockerEngine.Options(URI.create("tcp://127.0.0.1:2376"), 4, null, null, env);
    }

    @Test
    void noVerifyMeansNoTls() {
        assertNull(DockerConnection.sslConfig(options(Map.of())));
        assertNull(DockerConnection.sslConfig(options(Map.of("DOCKER_CERT_PATH", "/certs"))));
    }

    @Test
    void verifyUsesTheCertPathOrHomeDotDocker() {
        var explicit = (LocalDirectorySSLConfig) DockerConnection.sslConfig(options(Map.of("DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", "/certs")));
        assertEquals("/certs", explicit.getDockerCertPath());
        var home = (LocalDirectorySSLConfig) DockerConnection.sslConfig(options(Map.of("DOCKER_TLS_VERIFY", "1")));
        assertEquals(System.getProperty("user.home") + "/.docker", home.getDockerCertPath());
    }
}
