package dev.jcompose.load.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.load.Warnings;
import dev.jcompose.load.normalize.Normalizer;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.FileReference;
import dev.jcompose.model.Mount;
import dev.jcompose.model.PortSpec;
import dev.jcompose.model.Project;
import dev.jcompose.model.Resources;
import dev.jcompose.model.Service;
import dev.jcompose.model.ServiceNetwork;
import dev.jcompose.model.Ulimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinderTest {
    static Project bind(String yaml) {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", yaml);
        MapNode canonical = Normalizer.normalize(root,
                new Normalizer.Context("proj", Path.of("/p"), Map.of("SET", "v"), false), new Warnings());
        return Binder.bind("proj", Path.of("/p"), List.of(Path.of("/p/compose.yaml")), canonical,
                MapNode.empty(root.mark()), Map.of("SET", "v"));
    }

    @Test
    void bindsAServiceFromItsCanonicalTree() {
        Project p = bind("""
                services:
                  web:
                    image: nginx
                    command: nginx -g 'daemon off;'
                    environment: [SET, UNSET, A=1]
                    ports: ["127.0.0.1:8080:80/udp"]
                    volumes: ["./html:/usr/share/nginx/html:ro", "data:/data"]
                    depends_on:
                      db: {condition: service_healthy}
                    healthcheck:
                      test: curl -f localhost
                      interval: 1m30s
                      retries: 3
                    stop_grace_period: 1m
                    ulimits: {nofile: {soft: 10, hard: 20}, nproc: 5}
                    secrets: [{source: s, mode: "0440"}]
                    extra_hosts: ["db:10.0.0.2"]
                    networks:
                      back: {aliases: [api], priority: 5}
                  db:
                    image: postgres
                networks: {back: {}}
                volumes: {data: {}}
                secrets: {s: {file: ./s}}
                """);
        Service web = p.service("web");
        assertEquals("nginx", web.image());
        assertEquals(List.of("nginx", "-g", "daemon off;"), web.command());
        assertNull(web.entrypoint());
        assertEquals(Map.of("SET", "v", "A", "1"), web.environment(), "unset variables are dropped");
        assertEquals(List.of(new PortSpec(null, 80, "8080", "127.0.0.1", "udp", "ingress", null)), web.ports());
        assertEquals(List.of(
                new Mount("bind", "./html", "/usr/share/nginx/html", true, null, true, null, null, null, null, null,
                        null),
                new Mount("volume", "data", "/data", false, null, null, null, null, false, null, null, null)),
                web.volumes());
        assertEquals(Map.of("db", new DependsOn(DependsOn.HEALTHY, false, true)), web.dependsOn());
        assertEquals(List.of("CMD-SHELL", "curl -f localhost"), web.healthcheck().test());
        assertEquals(Duration.ofSeconds(90), web.healthcheck().interval());
        assertEquals(3, web.healthcheck().retries());
        assertEquals(Duration.ofMinutes(1), web.stopGracePeriod());
        assertEquals(Map.of("nofile", new Ulimit(10, 20), "nproc", new Ulimit(5, 5)), web.ulimits());
        assertEquals(List.of(new FileReference("s", "/run/secrets/s", null, null, 0440)), web.secrets());
        assertEquals(List.of("db:10.0.0.2"), web.extraHosts());
        assertEquals(new ServiceNetwork(List.of("api"), null, null, 5, null), web.networks().get("back"));
        assertEquals(ServiceNetwork.DEFAULT, p.service("db").networks().get("default"));
        assertEquals("proj_back", p.networks().get("back").name());
        assertEquals("proj_data", p.volumes().get("data").name());
        assertEquals(Nodes.toPlain(YamlParser.parse("x", "{image: postgres, networks: {default: null}}")),
                p.service("db").definition());
    }

    @Test
    void scaleComesFromScaleThenReplicasThenOne() {
        Project p = bind("""
                services:
                  a: {image: x, scale: 3, deploy: {replicas: 3}}
                  b: {image: x, deploy: {replicas: 2}}
                  c: {image: x}
                  d: {image: x, scale: 0}
                """);
        assertEquals(3, p.service("a").scale());
        assertEquals(2, p.service("b").scale());
        assertEquals(1, p.service("c").scale());
        assertEquals(0, p.service("d").scale());
    }

    @Test
    void resourcesMergeShortAttributesAndDeployLimits() {
        Project p = bind("""
                services:
                  a: {image: x, mem_limit: 512m, cpus: 0.5, pids_limit: 100, shm_size: 1gb, cpu_shares: 512}
                  b:
                    image: x
                    deploy:
                      resources:
                        limits: {memory: 1g, cpus: '2', pids: 50}
                        reservations: {memory: 256M}
                  c: {image: x}
                """);
        assertEquals(new Resources(512L << 20, null, 0.5, 512L, 100L, 1L << 30), p.service("a").resources());
        assertEquals(new Resources(1L << 30, 256L << 20, 2.0, null, 50L, null), p.service("b").resources());
        assertEquals(Resources.NONE, p.service("c").resources());
    }

    @Test
    void buildAndDisabledServices() {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml",
                "services:\n  app:\n    build:\n      context: ./app\n      args: {V: '1'}\n      shm_size: 64m\n");
        MapNode canonical = Normalizer.normalize(root, new Normalizer.Context("proj", Path.of("/p"), Map.of(), false),
                new Warnings());
        MapNode disabled = (MapNode) ((MapNode) Normalizer.normalize((MapNode) YamlParser.parse("c",
                "services:\n  tool:\n    image: t\n    profiles: [debug]\n"), new Normalizer.Context("proj",
                Path.of("/p"), Map.of(), false), new Warnings())).get("services");
        Project p = Binder.bind("proj", Path.of("/p"), List.of(), canonical, disabled, Map.of());
        Service app = p.service("app");
        assertNull(app.image());
        assertEquals("./app", app.build().context());
        assertEquals("Dockerfile", app.build().dockerfile());
        assertEquals(Map.of("V", "1"), app.build().args());
        assertEquals(64L << 20, app.build().shmSize());
        assertTrue(p.disabledServices().containsKey("tool"));
        assertFalse(p.services().containsKey("tool"));
        assertEquals(List.of("debug"), p.disabledServices().get("tool").profiles());
    }
}
