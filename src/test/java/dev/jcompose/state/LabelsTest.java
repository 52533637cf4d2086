package dev.jcompose.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.model.DependsOn;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LabelsTest {

    /** The keys docker compose's pkg/api/labels.go defines: other tools find our resources through them. */
    @ParameterizedTest
    @CsvSource({
        "com.docker.compose.project, PROJECT",
        "com.docker.compose.service, SERVICE",
        "com.docker.compose.container-number, CONTAINER_NUMBER",
        "com.docker.compose.config-hash, CONFIG_HASH",
        "com.docker.compose.oneoff, ONEOFF",
        "com.docker.compose.slug, SLUG",
        "com.docker.compose.project.working_dir, WORKING_DIR",
        "com.docker.compose.project.config_files, CONFIG_FILES",
        "com.docker.compose.project.environment_file, ENVIRONMENT_FILE",
        "com.docker.compose.depends_on, DEPENDS_ON",
        "com.docker.compose.image, IMAGE",
        "com.docker.compose.version, VERSION",
        "com.docker.compose.network, NETWORK",
        "com.docker.compose.volume, VOLUME",
        "com.docker.compose.replace, REPLACE"})
    void keysMatchCompose(String key, String constant) throws ReflectiveOperationException {
        assertEquals(key, Labels.class.getField(constant).get(null));
    }

    @Test
    void dependsOnIsNameConditionRestartSortedByName() {
        Map<String, DependsOn> deps = new LinkedHashMap<>();
        deps.put("redis", new DependsOn(DependsOn.HEALTHY, true, true));
        deps.put("db", new DependsOn(DependsOn.STARTED, false, true));
        assertEquals("db:service_started:false,redis:service_healthy:true", Labels.dependsOn(deps));
        assertEquals("", Labels.dependsOn(Map.of()));
    }

    @Test
    void dependsOnParsesBack() {
        Map<String, DependsOn> parsed = Labels.parseDependsOn(
                "db:service_started:false,redis:service_healthy:true,garbage");
        assertEquals(List.of("db", "redis"), List.copyOf(parsed.keySet()));
        assertEquals(DependsOn.HEALTHY, parsed.get("redis").condition());
        assertTrue(parsed.get("redis").restart());
        assertTrue(Labels.parseDependsOn("").isEmpty());
    }

    @Test
    void oneOffIsTrueOrFalseCapitalised() {
        assertEquals("True", Labels.oneOff(true));
        assertEquals("False", Labels.oneOff(false));
        assertTrue(Labels.isOneOff(Map.of(Labels.ONEOFF, "True")));
        assertFalse(Labels.isOneOff(Map.of()));
        assertFalse(Labels.isOneOff(Map.of(Labels.ONEOFF, "False")));
    }

    @Test
    void containerNumberToleratesBadLabels() {
        assertEquals(3, Labels.number(Map.of(Labels.CONTAINER_NUMBER, "3")));
        assertEquals(-1, Labels.number(Map.of(Labels.CONTAINER_NUMBER, "x")));
        assertEquals(-1, Labels.number(Map.of()));
    }

    @Test
    void configFilesAreCommaJoined() {
        assertEquals("/a/compose.yaml,/a/override.yaml",
                Labels.configFiles(List.of(Path.of("/a/compose.yaml"), Path.of("/a/override.yaml"))));
    }
}
