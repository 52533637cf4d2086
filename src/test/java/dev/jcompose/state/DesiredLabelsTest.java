package dev.jcompose.state;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jcompose.model.DependsOn;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DesiredLabelsTest {
    private static final Project P = project("myapp")
            .service(service("web").dependsOn("db", DependsOn.HEALTHY, true, true).containerName("front"))
            .service(service("db")).build();

    @Test
    void containerLabelsAsComposeWritesThem() {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "com.docker.compose.project", "myapp",
                "com.docker.compose.service", "web",
                "com.docker.compose.container-number", "1",
                "com.docker.compose.oneoff", "False",
                "com.docker.compose.config-hash", "abc123",
                "com.docker.compose.depends_on", "db:service_healthy:true",
                "com.docker.compose.image", "sha256:feed",
                "com.docker.compose.project.working_dir", "/work/myapp",
                "com.docker.compose.project.config_files", "/work/myapp/compose.yaml",
                "com.docker.compose.version", DesiredLabels.COMPOSE_VERSION));
        assertEquals(expected, DesiredLabels.forContainer(P, P.service("web"), 1, "abc123", "sha256:feed"));
    }

    @Test
    void replacementRecordsWhatItReplaces() {
        assertEquals("front", DesiredLabels.forReplacement(P, P.service("web"), 1, "h", null).get(Labels.REPLACE));
        Service db = P.service("db");
        Map<String, String> labels = DesiredLabels.forReplacement(P, db, 2, "h", null);
        assertEquals("db-2", labels.get(Labels.REPLACE));
        assertEquals(null, labels.get(Labels.IMAGE), "no digest label when the digest is unknown");
        assertEquals("", labels.get(Labels.DEPENDS_ON));
    }

    @Test
    void oneOffLabels() {
        Map<String, String> labels = DesiredLabels.forOneOff(P, P.service("db"), "s1ug", "h", null);
        assertEquals("True", labels.get(Labels.ONEOFF));
        assertEquals("s1ug", labels.get(Labels.SLUG));
        assertEquals(null, labels.get(Labels.CONTAINER_NUMBER));
    }

    @Test
    void networkAndVolumeLabels() {
        assertEquals(Map.of(Labels.PROJECT, "myapp", Labels.NETWORK, "default", Labels.CONFIG_HASH, "n",
                Labels.VERSION, DesiredLabels.COMPOSE_VERSION), DesiredLabels.forNetwork(P, "default", "n"));
        assertEquals(Map.of(Labels.PROJECT, "myapp", Labels.VOLUME, "data", Labels.CONFIG_HASH, "v",
                Labels.VERSION, DesiredLabels.COMPOSE_VERSION), DesiredLabels.forVolume(P, "data", "v"));
    }

    @Test
    void resourceHashesFollowTheFieldsThatShapeTheResource() {
        Network a = new Network("default", "myapp_default", null, null, null, null, false, false, null, false, null);
        Network b = new Network("default", "myapp_default", "bridge", null, null, null, false, false, null, false,
                null);
        assertEquals(ResourceHash.network(a), ResourceHash.network(a));
        assertNotEquals(ResourceHash.network(a), ResourceHash.network(b));
        assertEquals(64, ResourceHash.network(a).length());
        Volume unset = new Volume("data", "myapp_data", null, null, false, null);
        Volume local = new Volume("data", "myapp_data", "local", null, false, null);
        Volume nfs = new Volume("data", "myapp_data", "local", Map.of("type", "nfs"), false, null);
        assertEquals(ResourceHash.volume(unset), ResourceHash.volume(local), "unset driver hashes as local");
        assertNotEquals(ResourceHash.volume(local), ResourceHash.volume(nfs));
    }
}
