package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.ContainerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A daemon killed in the middle of {@code docker rm} leaves the record (marked "removing", dropped last) and
 * maybe no writable layer any more. The next daemon turns it into a dead container, as dockerd does at boot:
 * listed and inspectable as dead, refused by start with dockerd's message (not "snapshot not found"), and
 * removable. The CLI then recreates it on the next {@code up} (planner: "container is dead").
 */
@Tag("root")
class InterruptedRemovalTest {
    @Test
    void aRemovalCutShortByACrashLeavesADeadContainerThatOnlyRmAccepts() throws Exception {
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        EmbeddedDaemon first = new EmbeddedDaemon().start();
        EmbeddedDaemon second = null;
        try {
            DockerCli docker = new DockerCli(binary, first.uri());
            String marked = created(docker, "jct-rm-marked");
            String layerless = created(docker, "jct-rm-nolayer");
            String intact = created(docker, "jct-rm-intact");
            first.stopDaemonOnly();
            // what the crash left: the first was being removed (record marked, layer already dropped); the
            // second lost its layer without the mark (a daemon of an older version crashed in the same place)
            markRemoving(first.root, marked);
            first.snapshots.remove(marked);
            first.snapshots.remove(layerless);

            second = new EmbeddedDaemon(first.dir, first.cgroupParent).start();
            docker = new DockerCli(binary, second.uri());
            for (String id : new String[] {marked, layerless}) {
                assertEquals("dead true", docker.run("inspect", "-f", "{{.State.Status}} {{.State.Dead}}", id)
                        .stdout().strip());
                DockerCli.Result start = docker.run("start", id);
                assertEquals(1, start.exitCode(), start.toString());
                assertTrue(start.stderr().contains("container is marked for removal and cannot be started"),
                        start.toString());
            }
            assertEquals("Dead", docker.run("ps", "-a", "--filter", "id=" + marked, "--format", "{{.Status}}")
                    .stdout().strip());
            assertEquals(2, docker.run("ps", "-aq", "--filter", "status=dead").stdout().strip().lines().count());
            assertEquals("created", docker.run("inspect", "-f", "{{.State.Status}}", intact).stdout().strip(),
                    "a container with its layer is left as it was");
            assertEquals(0, docker.run("start", intact).exitCode());

            for (String id : new String[] {marked, layerless}) {
                DockerCli.Result rm = docker.run("rm", id); // no -f: a dead container is not running
                assertEquals(0, rm.exitCode(), rm.toString());
            }
            assertEquals(0, docker.run("rm", "-f", intact).exitCode());
            assertEquals("", docker.run("ps", "-aq").stdout().strip());
        } finally {
            (second != null ? second : first).close();
        }
    }

    private static String created(DockerCli docker, String name) throws Exception {
        DockerCli.Result r = docker.run("create", "--name", name, "busybox", "sleep", "60");
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().strip();
    }

    private static void markRemoving(Path root, String id) throws Exception {
        Path file = root.resolve("containers").resolve(id).resolve(ContainerStore.RECORD_FILE);
        ObjectNode record = (ObjectNode) DockerJson.MAPPER.readTree(file.toFile());
        ((ObjectNode) record.get("State")).put("Status", "removing");
        Files.write(file, DockerJson.MAPPER.writeValueAsBytes(record));
    }
}
