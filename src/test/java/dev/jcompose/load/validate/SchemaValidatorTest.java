package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.yaml.YamlParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad document gives exactly one CONFIG error: file:line:col, key path, compose-like words. */
class SchemaValidatorTest {

    static MapNode parse(String yaml) {
        return (MapNode) YamlParser.parse("compose.yaml", yaml);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown service key with suggestion", """
                        services:
                          web:
                            imgae: nginx
                        """, "compose.yaml:3:5 services.web: additional properties 'imgae' not allowed (did you mean 'image'?)"),
                Arguments.of("unknown key without a close match", """
                        services:
                          web:
                            image: nginx
                            wrongField: 1
                        """, "compose.yaml:4:5 services.web: additional properties 'wrongField' not allowed"),
                Arguments.of("unknown top-level key", """
                        services: {}
                        servces: {}
                        """, "compose.yaml:2:1: additional properties 'servces' not allowed (did you mean 'services'?)"),
                Arguments.of("port item of the wrong type", """
                        services:
                          web:
                            image: nginx
                            ports:
                              - [80, 80]
                        """, "compose.yaml:5:9 services.web.ports[0]: must be an integer, mapping or string, not a list"),
                Arguments.of("unknown key in a long-syntax port", """
                        services:
                          web:
                            ports:
                              - target: 80
                                publised: 8080
                        """, "compose.yaml:5:9 services.web.ports[0]: additional properties 'publised' not allowed (did you mean 'published'?)"),
                Arguments.of("service is null", """
                        services:
                          web:
                        """, "compose.yaml:2:7 services.web: must be a mapping, not null"),
                Arguments.of("service is a list", """
                        services:
                          web:
                            - image: nginx
                        """, "compose.yaml:3:5 services.web: must be a mapping, not a list"),
                Arguments.of("image is a number", """
                        services:
                          web:
                            image: 42
                        """, "compose.yaml:3:12 services.web.image: must be a string, not a number"),
                Arguments.of("environment list holds a mapping", """
                        services:
                          web:
                            environment:
                              - FOO: bar
                        """, "compose.yaml:4:9 services.web.environment[0]: must be a string, not a mapping"),
                Arguments.of("environment value is a mapping", """
                        services:
                          web:
                            environment:
                              FOO:
                                nested: 1
                        """, "compose.yaml:5:9 services.web.environment.FOO: must be a boolean, null, number or string, not a mapping"),
                Arguments.of("depends_on condition misspelt", """
                        services:
                          db:
                            image: postgres
                          web:
                            depends_on:
                              db:
                                condition: service_healty
                        """, "compose.yaml:7:20 services.web.depends_on.db.condition: invalid value 'service_healty': must be one of 'service_started', 'service_healthy', 'service_completed_successfully' (did you mean 'service_healthy'?)"),
                Arguments.of("depends_on condition key misspelt beats missing condition", """
                        services:
                          web:
                            depends_on:
                              db:
                                condtion: service_healthy
                        """, "compose.yaml:5:9 services.web.depends_on.db: additional properties 'condtion' not allowed (did you mean 'condition'?)"),
                Arguments.of("depends_on condition missing", """
                        services:
                          web:
                            depends_on:
                              db:
                                restart: true
                        """, "compose.yaml:5:9 services.web.depends_on.db: missing required property 'condition'"),
                Arguments.of("invalid service name", """
                        services:
                          my web:
                            image: nginx
                        """, "compose.yaml:2:3 services: invalid key 'my web': must be a name made of letters, digits, '.', '_' and '-'"),
                Arguments.of("duplicate port", """
                        services:
                          web:
                            ports:
                              - "80:80"
                              - "443:443"
                              - "80:80"
                        """, "compose.yaml:6:9 services.web.ports[2]: duplicate item '80:80' (same as services.web.ports[0])"),
                Arguments.of("bad duration", """
                        services:
                          web:
                            healthcheck:
                              interval: 10 seconds
                        """, "compose.yaml:4:17 services.web.healthcheck.interval: invalid value '10 seconds': must be a duration such as 30s, 1m30s or 500ms"),
                Arguments.of("bad restart policy", """
                        services:
                          web:
                            restart: sometimes
                        """, "compose.yaml:3:14 services.web.restart: invalid value 'sometimes': must be no, always, unless-stopped or on-failure[:max-retries]"),
                Arguments.of("bad memory size", """
                        services:
                          web:
                            mem_limit: lots
                        """, "compose.yaml:3:16 services.web.mem_limit: invalid value 'lots': must be a size such as 512m, 1g or 1073741824"),
                Arguments.of("port number out of range", """
                        services:
                          web:
                            ports:
                              - 70000
                        """, "compose.yaml:4:9 services.web.ports[0]: invalid value 70000: must be less than or equal to 65535"),
                Arguments.of("cgroup enum", """
                        services:
                          web:
                            cgroup: hots
                        """, "compose.yaml:3:13 services.web.cgroup: invalid value 'hots': must be one of 'host', 'private' (did you mean 'host'?)"),
                Arguments.of("volume long syntax needs a type", """
                        services:
                          web:
                            volumes:
                              - source: data
                                target: /data
                        """, "compose.yaml:4:9 services.web.volumes[0]: missing required property 'type'"),
                Arguments.of("x-jcompose engine", """
                        x-jcompose:
                          engine: podman
                        services: {}
                        """, "compose.yaml:2:11 x-jcompose.engine: invalid value 'podman': must be one of 'auto', 'docker', 'embedded'"),
                Arguments.of("x-jcompose unknown key", """
                        x-jcompose:
                          engnie: docker
                        """, "compose.yaml:2:3 x-jcompose: additional properties 'engnie' not allowed (did you mean 'engine'?)"),
                Arguments.of("version must be a string", """
                        version: 3.8
                        services: {}
                        """, "compose.yaml:1:10 version: must be a string, not a number"),
                Arguments.of("command is a mapping", """
                        services:
                          web:
                            command:
                              run: x
                        """, "compose.yaml:4:7 services.web.command: must be a list, null or string, not a mapping"),
                Arguments.of("build is a number", """
                        services:
                          web:
                            build: 1
                        """, "compose.yaml:3:12 services.web.build: must be a mapping or string, not a number"),
                Arguments.of("empty environment key", """
                        services:
                          web:
                            environment:
                              "": x
                        """, "compose.yaml:4:7 services.web.environment: invalid key '': must be a non-empty name"),
                Arguments.of("gpus string other than all", """
                        services:
                          web:
                            gpus: some
                        """, "compose.yaml:3:11 services.web.gpus: invalid value 'some': must be all, or a list of device requests"),
                Arguments.of("unknown key wins over an earlier type error", """
                        services:
                          a:
                            image: 1
                          b:
                            imag: x
                        """, "compose.yaml:5:5 services.b: additional properties 'imag' not allowed (did you mean 'image'?)"),
                Arguments.of("keys with slashes, tildes and dots", """
                        services:
                          web:
                            labels:
                              com.example/a~b: [x]
                        """, "compose.yaml:4:24 services.web.labels.com.example/a~b: must be a boolean, null, number or string, not a list"),
                Arguments.of("first of two unknown keys", """
                        services:
                          web:
                            zzz: 1
                            imgae: x
                        """, "compose.yaml:3:5 services.web: additional properties 'zzz' not allowed"),
                Arguments.of("earliest of two type errors", """
                        services:
                          a:
                            image: 1
                          b:
                            image: 2
                        """, "compose.yaml:3:12 services.a.image: must be a string, not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsOneLocatedError(String name, String yaml, String expected) {
        ComposeException e = assertThrows(ComposeException.class, () -> SchemaValidator.validate(parse(yaml)));
        assertEquals(ComposeException.Kind.CONFIG, e.kind());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void acceptsExtensionsAndNullResources() {
        assertDoesNotThrow(() -> SchemaValidator.validate(parse("""
                x-common: &common
                  restart: unless-stopped
                x-jcompose:
                  engine: embedded
                  x-note: anything
                services:
                  web:
                    <<: *common
                    image: nginx
                    x-extra: {any: [thing]}
                    ports: [80, "8080:80", {target: 81, published: "8081", x-note: 1}]
                    healthcheck: {interval: 1m30s, timeout: 500ms, start_period: "0"}
                    mem_limit: 1.5g
                    restart: on-failure:3
                volumes:
                  data:
                networks:
                  default:
                """)));
    }

    @Test
    void emptyDocumentIsValid() {
        assertDoesNotThrow(() -> SchemaValidator.validate(parse("")));
    }

    @Test
    void errorsInMergedTreesNameTheirOwnFile() {
        MapNode base = parse("services:\n  web:\n    image: nginx\n");
        MapNode override = (MapNode) YamlParser.parse("override.yaml", "web:\n  ports: [{target: x1, bogus: 1}]\n");
        MapNode merged = base.with("services", ((MapNode) base.get("services")).with("web",
                ((MapNode) ((MapNode) base.get("services")).get("web")).with("ports",
                        ((MapNode) override.get("web")).get("ports"))));
        ComposeException e = assertThrows(ComposeException.class, () -> SchemaValidator.validate(merged));
        assertTrue(e.getMessage().startsWith("override.yaml:2:24 services.web.ports[0]: additional properties 'bogus'"),
                e.getMessage());
    }
}
