package dev.jcompose.load.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file of merge-cases holds YAML documents: all but the last are merged in order, the last is the expected
 * result (compared as plain maps, so key order does not matter but list order does).
 */
class MergerTest {
    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(MergerTest.class.getResource("/merge-cases").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesAsComposeDoes(Path file) throws IOException {
        List<MapNode> docs = YamlParser.parseAll(file.getFileName().toString(), Files.readString(file)).stream()
                .map(MapNode.class::cast).toList();
        assertTrue(docs.size() >= 2, "a case needs inputs and an expected document");
        MapNode merged = Merger.merge(docs.subList(0, docs.size() - 1));
        assertEquals(Nodes.toPlain(docs.get(docs.size() - 1)), Nodes.toPlain(merged));
    }

    @Test
    void everyRuleOfComposeGoIsInTheTable() {
        // compose-go override/merge.go mergeSpecials (services.*.volumes.*.volume.labels is unreachable there:
        // list entries are never merged, only replaced by unicity).
        List<String> composeGo = List.of("networks.*.ipam.config", "networks.*.labels", "volumes.*.labels",
                "services.*.annotations", "services.*.build", "services.*.build.args",
                "services.*.build.additional_contexts", "services.*.build.extra_hosts", "services.*.build.labels",
                "services.*.command", "services.*.depends_on", "services.*.deploy.labels", "services.*.dns",
                "services.*.dns_opt", "services.*.dns_search", "services.*.entrypoint", "services.*.env_file",
                "services.*.label_file", "services.*.environment", "services.*.extra_hosts",
                "services.*.healthcheck.test", "services.*.labels", "services.*.logging", "services.*.models",
                "services.*.networks", "services.*.sysctls", "services.*.tmpfs", "services.*.ulimits.*");
        assertEquals(new java.util.TreeSet<>(composeGo), new java.util.TreeSet<>(Merger.specialPaths()));
    }

    private static MapNode doc(String yaml) {
        return (MapNode) YamlParser.parse("f.yaml", yaml);
    }

    @Test
    void mappingOverListIsAnErrorNamingBothPlaces() {
        ComposeException e = assertThrows(ComposeException.class, () -> Merger.merge(List.of(
                doc("services:\n  a:\n    deploy:\n      replicas: 1\n"),
                doc("services:\n  a:\n    deploy: [x]\n"))));
        assertEquals(ComposeException.Kind.CONFIG, e.kind());
        assertEquals("f.yaml:3:13 services.a.deploy: cannot override a mapping (defined at f.yaml:4:7) with a list",
                e.getMessage());
    }

    @Test
    void environmentEntryMustBeAString() {
        ComposeException e = assertThrows(ComposeException.class, () -> Merger.merge(List.of(
                doc("services:\n  a:\n    environment: [A=1]\n"),
                doc("services:\n  a:\n    environment:\n      - {B: 1}\n"))));
        assertTrue(e.getMessage().startsWith("f.yaml:4:9 services.a.environment[0]: must be a string"),
                e.getMessage());
    }

    @Test
    void longPortWithoutTargetIsRejected() {
        ComposeException e = assertThrows(ComposeException.class, () -> Merger.merge(List.of(
                doc("services:\n  a:\n    ports:\n      - published: 80\n"))));
        assertTrue(e.getMessage().contains("services.a.ports[0] is missing a target port"), e.getMessage());
    }

    @Test
    void longVolumeWithoutTargetIsRejected() {
        ComposeException e = assertThrows(ComposeException.class, () -> Merger.merge(List.of(
                doc("services:\n  a:\n    volumes:\n      - type: volume\n        source: x\n"))));
        assertTrue(e.getMessage().contains("services.a.volumes[0] is missing a mount target"), e.getMessage());
    }

    @Test
    void mergedValuesKeepTheirSourcePositions() {
        MapNode merged = Merger.merge(List.of(doc("services:\n  a:\n    image: x\n    ports: ['1:1']\n"),
                YamlParser.parseAll("g.yaml", "services:\n  a:\n    image: y\n    ports: ['2:2']\n").stream()
                        .map(MapNode.class::cast).findFirst().orElseThrow()));
        Node image = Nodes.at(merged, KeyPath.of("services", "a", "image"));
        assertEquals("g.yaml:3:12", image.mark().toString());
        assertEquals("f.yaml:3:5", ((MapNode) Nodes.at(merged, KeyPath.of("services", "a"))).keyMark("image")
                .toString());
        assertEquals("g.yaml:4:13", Nodes.at(merged, KeyPath.of("services", "a", "ports", 1)).mark().toString());
    }

    @Test
    void mergeValueCarriesTagsUntilTheFinalMerge() {
        // An extending service's !reset must still reset the value of an earlier file (compose-go applies the
        // document's reset paths to both the extended base and the accumulated model).
        MapNode base = doc("image: x\nports: ['1:1']\n");
        MapNode extending = doc("ports: !reset []\n");
        Node extended = Merger.mergeValue(base, extending, KeyPath.of("services", "a"));
        MapNode earlierFile = doc("services:\n  a:\n    image: old\n    ports: ['9:9']\n");
        MapNode laterFile = MapNode.builder(extending.mark()).put("services",
                MapNode.builder(extending.mark()).put("a", extended).build()).build();
        MapNode merged = Merger.merge(List.of(earlierFile, laterFile));
        assertEquals(java.util.Map.of("services", java.util.Map.of("a", java.util.Map.of("image", "x"))),
                Nodes.toPlain(merged));
        assertEquals(java.util.Map.of("image", "x"), Nodes.toPlain(Merger.clean(extended)));
    }
}
