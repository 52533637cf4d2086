package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A daemon restart with a running container on a user network with a published port: the new daemon brings the
 * network's DNS back with the container's names and binds the port proxy again.
 */
@Tag("root")
class NetworkRecoveryTest {
    @Test
    void aRestartedDaemonServesNamesAndPortsOfRunningContainers() throws Exception {
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        EmbeddedDaemon first = new EmbeddedDaemon().start();
        EmbeddedDaemon second = null;
        try {
            DockerCli docker = new DockerCli(binary, first.uri());
            int port = DockerCliNetworkTest.freePort();
            assertEquals(0, docker.run("network", "create", "jct-n1").exitCode());
            DockerCli.Result run = docker.run("run", "-d", "--name", "jct-r1", "--network", "jct-n1", "-p",
                    "127.0.0.1:" + port + ":80", "busybox", "sh", "-c",
                    "echo kept > /var/www/index.html && exec httpd -f -p 80 -h /var/www");
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals("kept\n", DockerCliNetworkTest.httpGet(port));

            first.stopDaemonOnly(); // the container keeps running; DNS listeners and proxies are gone
            second = new EmbeddedDaemon(first.dir, first.cgroupParent).start();
            docker = new DockerCli(binary, second.uri());
            assertEquals("kept\n", DockerCliNetworkTest.httpGet(port), "the proxy is bound again");
            DockerCli.Result byName = docker.run("run", "--rm", "--network", "jct-n1", "busybox", "wget", "-qO-",
                    "http://jct-r1/");
            assertEquals("kept\n", byName.stdout(), byName.toString());
        } finally {
            (second != null ? second : first).close();
        }
    }
}
