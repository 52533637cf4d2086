package dev.jcompose.load.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolverTest {
    private static final Path BASE = Path.of("/base/proj");
    private static final String HOME = "/home/me";

    private static MapNode yaml(String text) {
        return (MapNode) YamlParser.parse("compose.yaml", text);
    }

    private static void assertResolves(String input, String expected) {
        assertEquals(Nodes.toPlain(yaml(expected)), Nodes.toPlain(PathResolver.resolve(yaml(input), BASE, HOME)));
    }

    @Test
    void buildContextsButNotRemoteOnes() {
        assertResolves("""
                services:
                  a: {build: .}
                  b: {build: {context: ../ctx, dockerfile: ../Dockerfile}}
                  c: {build: https://github.com/docker/compose.git}
                  d: {build: {context: "git@github.com:docker/compose.git"}}
                  e: {build: github.com/docker/compose}
                  f: {build: {context: docker-image://alpine}}
                  g: {build: {context: service:base}}
                  h: {build: {context: ~/src}}
                """, """
                services:
                  a: {build: /base/proj}
                  b: {build: {context: /base/ctx, dockerfile: ../Dockerfile}}
                  c: {build: https://github.com/docker/compose.git}
                  d: {build: {context: "git@github.com:docker/compose.git"}}
                  e: {build: github.com/docker/compose}
                  f: {build: {context: docker-image://alpine}}
                  g: {build: {context: service:base}}
                  h: {build: {context: /home/me/src}}
                """);
    }

    @Test
    void additionalContextsAndSshKeys() {
        assertResolves("""
                services:
                  a:
                    build:
                      additional_contexts: [res=./resources, app=docker-image://app, base=service:base]
                      ssh: [default, key=./id_rsa]
                  b:
                    build:
                      additional_contexts: {res: ./resources, src: "https://example.com/src.tar"}
                      ssh: {default: null, other: /abs/key}
                """, """
                services:
                  a:
                    build:
                      additional_contexts: [res=/base/proj/resources, app=docker-image://app, base=service:base]
                      ssh: [default, key=/base/proj/id_rsa]
                  b:
                    build:
                      additional_contexts: {res: /base/proj/resources, src: "https://example.com/src.tar"}
                      ssh: {default: null, other: /abs/key}
                """);
    }

    @Test
    void envFilesAndLabelFilesInEverySyntax() {
        assertResolves("""
                services:
                  a: {env_file: .env, label_file: app.labels}
                  b: {env_file: [a.env, /etc/b.env], label_file: [x.labels, ~/y.labels]}
                  c:
                    env_file:
                      - path: ./c.env
                        required: false
                      - ../d.env
                """, """
                services:
                  a: {env_file: /base/proj/.env, label_file: /base/proj/app.labels}
                  b: {env_file: [/base/proj/a.env, /etc/b.env], label_file: [/base/proj/x.labels, /home/me/y.labels]}
                  c:
                    env_file:
                      - path: /base/proj/c.env
                        required: false
                      - /base/d.env
                """);
    }

    @Test
    void bindSourcesInShortAndLongSyntax() {
        assertResolves("""
                services:
                  a:
                    volumes:
                      - .:/src
                      - ./data:/data:ro
                      - ../up:/up:rw,z
                      - ~/cache:/cache
                      - named:/named
                      - /abs:/abs
                      - /anonymous
                      - ${SRC}:/var
                      - type: bind
                        source: conf
                        target: /conf
                      - type: volume
                        source: vol
                        target: /vol
                """, """
                services:
                  a:
                    volumes:
                      - /base/proj:/src
                      - /base/proj/data:/data:ro
                      - /base/up:/up:rw,z
                      - /home/me/cache:/cache
                      - named:/named
                      - /abs:/abs
                      - /anonymous
                      - ${SRC}:/var
                      - type: bind
                        source: /base/proj/conf
                        target: /conf
                      - type: volume
                        source: vol
                        target: /vol
                """);
    }

    @Test
    void topLevelFilesExtendsWatchIncludeAndBindDevices() {
        assertResolves("""
                services:
                  a:
                    extends: {file: ../common.yaml, service: base}
                    develop:
                      watch:
                        - path: ./src
                          action: sync
                          target: /app
                  b:
                    extends: base
                secrets:
                  s: {file: ./secret.txt}
                  e: {environment: TOKEN}
                configs:
                  c: {file: conf/app.conf}
                volumes:
                  bound:
                    driver: local
                    driver_opts: {o: bind, type: none, device: ./host}
                  other:
                    driver_opts: {device: ./not-a-bind}
                include:
                  - sub/compose.yaml
                  - path: [a.yaml, b.yaml]
                    project_directory: ..
                    env_file: sub/.env
                """, """
                services:
                  a:
                    extends: {file: /base/common.yaml, service: base}
                    develop:
                      watch:
                        - path: /base/proj/src
                          action: sync
                          target: /app
                  b:
                    extends: base
                secrets:
                  s: {file: /base/proj/secret.txt}
                  e: {environment: TOKEN}
                configs:
                  c: {file: /base/proj/conf/app.conf}
                volumes:
                  bound:
                    driver: local
                    driver_opts: {o: bind, type: none, device: /base/proj/host}
                  other:
                    driver_opts: {device: ./not-a-bind}
                include:
                  - /base/proj/sub/compose.yaml
                  - path: [/base/proj/a.yaml, /base/proj/b.yaml]
                    project_directory: /base
                    env_file: /base/proj/sub/.env
                """);
    }

    @Test
    void bindWithoutSourceIsAnError() {
        ComposeException e = assertThrows(ComposeException.class, () -> PathResolver.resolve(
                yaml("services:\n  a:\n    volumes:\n      - type: bind\n        target: /x\n"), BASE, HOME));
        assertEquals("compose.yaml:4:9 services.a.volumes[0]: invalid mount config for type \"bind\": "
                + "field Source must not be empty", e.getMessage());
    }

    @Test
    void resolvedValuesKeepPositionAndTag() {
        MapNode out = PathResolver.resolve(yaml("services:\n  a:\n    env_file: !override ./x.env\n"), BASE, HOME);
        var envFile = Nodes.at(out, KeyPath.of("services", "a", "env_file"));
        assertEquals("compose.yaml:3:15", envFile.mark().toString());
        assertEquals(NodeTag.OVERRIDE, envFile.tag());
        assertEquals("/base/proj/x.env", Nodes.toPlain(envFile));
    }

    @Test
    void watchPathFollowsSymbolicLinks(@TempDir Path dir) throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("link"), real);
        MapNode out = PathResolver.resolve(yaml("services:\n  a:\n    develop:\n      watch:\n"
                + "        - {path: ./link, action: rebuild}\n"), dir, HOME);
        assertEquals(real.toRealPath().toString(),
                Nodes.toPlain(Nodes.at(out, KeyPath.of("services", "a", "develop", "watch", 0, "path"))));
    }
}
