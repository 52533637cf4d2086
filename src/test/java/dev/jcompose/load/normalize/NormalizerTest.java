package dev.jcompose.load.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerTest {
    private static final Map<String, String> ENV = Map.of("SET", "from-env", "HOME", "/home/me");

    static MapNode run(String yaml, boolean normalize, boolean lenient, Warnings warnings) {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", yaml);
        Normalizer.Context ctx = new Normalizer.Context("proj", Path.of("/p"), ENV, false, normalize, lenient, true);
        return Normalizer.normalize(root, ctx, warnings);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> web(String serviceBody) {
        String yaml = "services:\n  web:\n" + serviceBody.indent(4);
        Map<String, Object> root = (Map<String, Object>) Nodes.toPlain(run(yaml, true, false, new Warnings()));
        return (Map<String, Object>) ((Map<String, Object>) root.get("services")).get("web");
    }

    static Object web(String serviceBody, String key) {
        return web(serviceBody).get(key);
    }

    static Map<String, Object> port(String mode, String hostIp, long target, String published, String protocol) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("mode", mode);
        if (hostIp != null) {
            m.put("host_ip", hostIp);
        }
        m.put("target", target);
        if (published != null) {
            m.put("published", published);
        }
        m.put("protocol", protocol);
        return m;
    }

    @Test
    void shortPortsBecomeLongSyntax() {
        Object ports = web("""
                image: x
                ports:
                  - 80
                  - "8080:80"
                  - "127.0.0.1:8080:81/udp"
                  - "[::1]:90:90"
                  - "8000-8010:82"
                  - "3000-3001:4000-4001"
                  - target: 53
                    published: 5353
                """, "ports");
        assertEquals(List.of(
                port("ingress", null, 80, null, "tcp"),
                port("ingress", null, 80, "8080", "tcp"),
                port("ingress", "127.0.0.1", 81, "8080", "udp"),
                port("ingress", "::1", 90, "90", "tcp"),
                port("ingress", null, 82, "8000-8010", "tcp"),
                port("ingress", null, 4000, "3000", "tcp"),
                port("ingress", null, 4001, "3001", "tcp"),
                Map.of("target", 53L, "published", "5353", "protocol", "tcp", "mode", "ingress")), ports);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "80:abc | invalid containerPort: abc",
            "abc | invalid containerPort: abc",
            "1.2.3:80:80 | invalid IP address: 1.2.3",
            "80/xyz | invalid proto: xyz",
            "8000-8001:80-82 | invalid ranges specified for container and host Ports: 80-82 and 8000-8001",
            "70000 | invalid containerPort: 70000"})
    void badPortsNameFileLinePathAndSpec(String spec, String reason) {
        ComposeException e = assertThrows(ComposeException.class,
                () -> web("image: x\nports:\n  - \"" + spec + "\"\n"));
        assertEquals(ComposeException.Kind.CONFIG, e.kind());
        assertEquals("compose.yaml:5:9 services.web.ports[0]: invalid port \"" + spec + "\": " + reason,
                e.getMessage());
    }

    @Test
    void shortVolumesBecomeLongSyntax() {
        Object volumes = web("""
                image: x
                volumes:
                  - ./data:/data:ro
                  - data:/var/lib/data/
                  - /tmp
                  - cache:/cache:nocopy
                  - /src:/src:z,rshared
                """, "volumes");
        assertEquals(List.of(
                Map.of("type", "bind", "source", "./data", "target", "/data", "read_only", true, "bind", Map.of()),
                Map.of("type", "volume", "source", "data", "target", "/var/lib/data", "volume", Map.of()),
                Map.of("type", "volume", "target", "/tmp", "volume", Map.of()),
                Map.of("type", "volume", "source", "cache", "target", "/cache", "volume", Map.of("nocopy", true)),
                Map.of("type", "bind", "source", "/src", "target", "/src",
                        "bind", Map.of("selinux", "z", "propagation", "rshared"))), volumes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vol:/b:ro:extra | invalid spec: vol:/b:ro:extra: too many colons",
            "vol::/b | invalid spec: vol::/b: empty section between colons"})
    void badVolumesAreErrors(String spec, String message) {
        ComposeException e = assertThrows(ComposeException.class,
                () -> web("image: x\nvolumes:\n  - \"" + spec + "\"\n"));
        assertEquals("compose.yaml:5:9 services.web.volumes[0]: " + message, e.getMessage());
    }

    @Test
    void dependsOnListBecomesMapAndLinksAddImplicitOnes() {
        Object deps = web("image: x\ndepends_on: [db]\nlinks: [\"cache:c\"]\nvolumes_from: [\"data:ro\"]\n",
                "depends_on");
        assertEquals(Map.of(
                "db", Map.of("condition", "service_started", "required", true),
                "cache", Map.of("condition", "service_started", "required", true, "restart", true),
                "data", Map.of("condition", "service_started", "required", true)), deps);
    }

    @Test
    void fileReferencesAndEnvFilesTakeLongSyntax() {
        Map<String, Object> web = web("""
                image: x
                secrets: [token]
                configs: [conf]
                env_file: .env.missing
                """.replace("env_file: .env.missing\n", ""));
        assertEquals(List.of(Map.of("source", "token", "target", "/run/secrets/token")), web.get("secrets"));
        assertEquals(List.of(Map.of("source", "conf")), web.get("configs"));
        Object envFiles = Nodes.toPlain(ShortSyntax.envFile().apply(YamlParser.parse("f", "[a.env, {path: b.env,"
                + " required: false}, {path: c.env, required: true, format: raw}]"), KeyPath.of("env_file")));
        assertEquals(List.of(Map.of("path", "a.env"), Map.of("path", "b.env", "required", false),
                Map.of("path", "c.env", "format", "raw")), envFiles);
    }

    @Test
    void healthcheckAndDurations() {
        Object hc = web("image: x\nhealthcheck:\n  test: curl -f http://x\n  interval: 90s\n  timeout: 0s\n"
                + "  start_period: 1h\n", "healthcheck");
        assertEquals(Map.of("test", List.of("CMD-SHELL", "curl -f http://x"), "interval", "1m30s", "timeout", "0s",
                "start_period", "1h0m0s"), hc);
        assertEquals("20s", web("image: x\nstop_grace_period: 20000ms\n", "stop_grace_period"));
    }

    @Test
    void environmentListBecomesMapResolvedFromProjectEnvironment() {
        Object env = web("image: x\nenvironment:\n  - A=1\n  - SET\n  - UNSET\n  - EMPTY=\n", "environment");
        Map<String, Object> expected = new java.util.HashMap<>(Map.of("A", "1", "SET", "from-env", "EMPTY", ""));
        expected.put("UNSET", null);
        assertEquals(expected, env);
        assertEquals(Map.of("N", "1.5", "B", "true"), web("image: x\nenvironment:\n  N: 1.5\n  B: true\n",
                "environment"));
    }

    @Test
    void trailingSpaceInEnvironmentKeyIsAnError() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> web("image: x\nenvironment:\n  - DEBUG = true\n"));
        assertTrue(e.getMessage().contains("environment variable DEBUG  is declared with a trailing space"),
                e.getMessage());
    }

    @Test
    void aMissingRequiredEnvFileIsNamedWhereTheComposeFileNamesIt() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> web("image: x\nenv_file: [missing.env]\n"));
        assertEquals("compose.yaml:4:16 services.web.env_file[0]: env file /p/missing.env not found", e.getMessage());
    }

    @Test
    void commandsAreShellSplit() {
        Map<String, Object> web = web("image: x\ncommand: sh -c 'echo \"a b\"' x\\ y\nentrypoint: \"\"\n");
        assertEquals(List.of("sh", "-c", "echo \"a b\"", "x y"), web.get("command"));
        assertEquals(List.of(), web.get("entrypoint"));
    }

    @Test
    void buildStringGetsContextAndDockerfileAndArgsResolve() {
        assertEquals(Map.of("context", "./app", "dockerfile", "Dockerfile"), web("build: ./app\n", "build"));
        assertEquals(Map.of("context", ".", "dockerfile", "Dockerfile", "args", Map.of("SET", "from-env", "K", "v")),
                web("build:\n  args: [SET, UNSET, K=v]\n", "build"));
    }

    @Test
    void typedValues() {
        Map<String, Object> web = web("""
                image: x
                shm_size: 1gb
                mem_limit: 512m
                cpus: "1.5"
                expose: [80, "443"]
                extra_hosts:
                  db: 10.0.0.1
                  v6: "[::1]"
                ulimits:
                  nproc: 65535
                  nofile: {soft: 1, hard: 2}
                labels: [a=1, b]
                sysctls: {net.core.somaxconn: 1024}
                privileged: "true"
                read_only: false
                secrets:
                  - source: s
                    mode: 0440
                """);
        assertEquals("1073741824", web.get("shm_size"));
        assertEquals("536870912", web.get("mem_limit"));
        assertEquals(1.5, web.get("cpus"));
        assertEquals(List.of("80", "443"), web.get("expose"));
        assertEquals(List.of("db=10.0.0.1", "v6=::1"), web.get("extra_hosts"));
        assertEquals(Map.of("nproc", 65535L, "nofile", Map.of("soft", 1L, "hard", 2L)), web.get("ulimits"));
        assertEquals(Map.of("a", "1", "b", ""), web.get("labels"));
        assertEquals(Map.of("net.core.somaxconn", "1024"), web.get("sysctls"));
        assertEquals(true, web.get("privileged"));
        assertFalse(web.containsKey("read_only"), "false booleans are left out");
        assertEquals(List.of(Map.of("source", "s", "target", "/run/secrets/s", "mode", "0440")), web.get("secrets"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void topLevelResourcesAreNamedAndDefaultNetworkAddedWhenUsed() {
        Warnings warnings = new Warnings();
        Map<String, Object> root = (Map<String, Object>) Nodes.toPlain(run("""
                version: "3.8"
                services:
                  a: {image: x}
                  b: {image: x, network_mode: host}
                volumes:
                  data:
                  old: {external: {name: legacy}}
                secrets:
                  s: {file: ./s.txt}
                """, true, false, warnings));
        assertEquals(Map.of("default", Map.of("name", "proj_default")), root.get("networks"));
        assertEquals(Map.of("data", Map.of("name", "proj_data"), "old", Map.of("name", "legacy", "external", true)),
                root.get("volumes"));
        assertEquals(Map.of("s", Map.of("name", "proj_s", "file", "./s.txt")), root.get("secrets"));
        assertFalse(root.containsKey("version"));
        assertEquals(List.of("compose.yaml: the attribute `version` is obsolete, it will be ignored, please remove "
                + "it to avoid potential confusion", "volumes.old: external.name is deprecated. Please set name and "
                + "external: true"), warnings.list());
        Map<String, Object> services = (Map<String, Object>) root.get("services");
        assertFalse(((Map<String, Object>) services.get("b")).containsKey("networks"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutNormalizationNoDefaultNetworkOrNames() {
        Map<String, Object> root = (Map<String, Object>) Nodes.toPlain(
                run("services:\n  a:\n    image: x\n    ports: ['80']\nvolumes:\n  data:\n", false, false,
                        new Warnings()));
        assertEquals(Map.of("data", Map.of()), root.get("volumes"));
        assertFalse(root.containsKey("networks"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void lenientModeKeepsUninterpolatedShortSyntax() {
        Map<String, Object> root = (Map<String, Object>) Nodes.toPlain(run(
                "services:\n  a:\n    image: x\n    ports: ['${PORT:-8080}:80']\n    volumes: ['${D}:/d']\n"
                        + "    mem_limit: ${MEM:-1g}\n    healthcheck: {interval: $I}\n",
                true, true, new Warnings()));
        Map<String, Object> a = (Map<String, Object>) ((Map<String, Object>) root.get("services")).get("a");
        assertEquals(List.of("${PORT:-8080}:80"), a.get("ports"));
        assertEquals(List.of(Map.of("type", "volume", "source", "${D}", "target", "/d", "volume", Map.of())),
                a.get("volumes"));
        assertEquals("${MEM:-1g}", a.get("mem_limit"));
        assertEquals(Map.of("interval", "$I"), a.get("healthcheck"));
        assertThrows(ComposeException.class, () -> run("services:\n  a:\n    image: x\n    mem_limit: ${MEM}\n",
                true, false, new Warnings()), "strict without --no-interpolate");
    }

    @Test
    void transformedValuesKeepTheirSourcePosition() {
        MapNode root = run("services:\n  web:\n    image: x\n    ports:\n      - \"8080:80\"\n", true, false,
                new Warnings());
        assertEquals("compose.yaml:5:9",
                Nodes.at(root, KeyPath.of("services", "web", "ports", 0, "published")).mark().toString());
    }
}
