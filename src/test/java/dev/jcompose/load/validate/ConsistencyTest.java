package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.normalize.Normalizer;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.yaml.YamlParser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsistencyTest {
    static MapNode canonical(String yaml) {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", yaml);
        return Normalizer.normalize(root, new Normalizer.Context("p", Path.of("/p"), Map.of(), false),
                new Warnings());
    }

    static String error(String yaml) {
        MapNode c = canonical(yaml);
        return assertThrows(ComposeException.class, () -> Consistency.check(c)).getMessage();
    }

    /** attributes: lines of the service "web" (after image: x), separated by ';'. They start on line 4. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "undefined network | networks: [back] | compose.yaml:4:16 services.web.networks.back: "
                    + "service \"web\" refers to undefined network back",
            "undefined volume | volumes: ['data:/data'] | compose.yaml:4:15 services.web.volumes[0]: "
                    + "service \"web\" refers to undefined volume data",
            "undefined secret | secrets: [token] | compose.yaml:4:15 services.web.secrets[0]: "
                    + "service \"web\" refers to undefined secret token",
            "undefined config | configs: [conf] | compose.yaml:4:15 services.web.configs[0]: "
                    + "service \"web\" refers to undefined config conf",
            "unknown dependency | depends_on: [db] | compose.yaml:4:18 services.web.depends_on.db: "
                    + "service \"web\" depends on undefined service \"db\"",
            "unknown link | links: ['db:database'] | compose.yaml:4:13 services.web.links[0]: "
                    + "service \"web\" links to undefined service \"db\"",
            "unknown network_mode service | network_mode: 'service:vpn' | compose.yaml:4:19 "
                    + "services.web.network_mode: service \"vpn\" not found for network_mode 'service:vpn'",
            "unknown volumes_from | volumes_from: ['data:ro'] | compose.yaml:4:20 services.web.volumes_from[0]: "
                    + "service \"web\" takes volumes from undefined service \"data\"",
            "container_name with scale | container_name: one;scale: 2 | compose.yaml:4:21 "
                    + "services.web.container_name: can't set container_name and scale as container name must be "
                    + "unique",
            "container_name with replicas | container_name: one;deploy: {replicas: 3} | compose.yaml:4:21 "
                    + "services.web.container_name: can't set container_name and deploy.replicas as container name "
                    + "must be unique",
            "scale and replicas differ | scale: 2;deploy: {replicas: 3} | compose.yaml:4:12 services.web.scale: "
                    + "can't set distinct values on 'scale' and 'deploy.replicas'",
            "bad healthcheck | 'healthcheck: {test: [BOGUS]}' | compose.yaml:4:25 services.web.healthcheck.test: "
                    + "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\""})
    void referencesMustExist(String name, String attributes, String message) {
        String yaml = "services:\n  web:\n    image: x\n    " + attributes.replace(";", "\n    ") + "\n";
        assertEquals(message, error(yaml), name);
    }

    @Test
    void optionalDependencyOnAMissingServiceIsAccepted() {
        assertDoesNotThrow(() -> Consistency.check(canonical(
                "services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_started\n"
                        + "        required: false\n")));
    }

    @Test
    void definedReferencesPass() {
        assertDoesNotThrow(() -> Consistency.check(canonical("""
                services:
                  web:
                    image: x
                    networks: [back]
                    volumes: [data:/data, ./src:/src]
                    secrets: [token]
                    depends_on: [db]
                    links: [db]
                  db:
                    image: y
                    network_mode: service:web2
                  web2:
                    build: .
                networks: {back: {}}
                volumes: {data: {}}
                secrets: {token: {file: ./t}}
                """)));
    }

    @Test
    void serviceNeedsImageOrBuild() {
        assertEquals("compose.yaml:3:5 services.web: service \"web\" has neither an image nor a build context "
                + "specified", error("services:\n  web:\n    restart: always\n"));
    }

    @Test
    void cyclesAreNamedInNameOrder() {
        assertEquals("compose.yaml:2:37 services.service3.depends_on.service1: "
                + "dependency cycle detected: service1 -> service2 -> service3 -> service1", error("""
                services:
                  service3: {image: x, depends_on: [service1]}
                  service1: {image: x, depends_on: [service2]}
                  service2: {image: x, depends_on: [service3]}
                """));
        assertEquals("compose.yaml:2:30 services.s.depends_on.s: dependency cycle detected: s -> s",
                error("services:\n  s: {image: x, depends_on: [s]}\n"));
    }

    @Test
    void duplicateContainerNames() {
        assertEquals("compose.yaml:3:33 services.b.container_name: container name \"same\" is already in use by "
                + "service a", error("services:\n  a: {image: x, container_name: same}\n"
                        + "  b: {image: x, container_name: same}\n"));
    }
}
