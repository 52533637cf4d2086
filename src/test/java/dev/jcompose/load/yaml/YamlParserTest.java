package dev.jcompose.load.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.tree.ScalarNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlParserTest {
    private static MapNode parse(String yaml) {
        return (MapNode) YamlParser.parse("compose.yaml", yaml);
    }

    @Test
    void keepsPositionsOfKeysAndValues() {
        MapNode root = parse("services:\n  web:\n    image: nginx\n");
        MapNode web = (MapNode) ((MapNode) root.get("services")).get("web");
        assertEquals("compose.yaml:3:5", web.keyMark("image").toString());
        assertEquals("compose.yaml:3:12", web.get("image").mark().toString());
    }

    @Test
    void resolvesCoreSchemaScalars() {
        MapNode root = parse("a: 1\nb: 1.5\nc: true\nd: null\ne: yes\nf: '1'\ng: 0x10\nh: ~\n");
        assertEquals(Map.of("a", 1L, "b", 1.5, "c", true, "e", "yes", "f", "1", "g", 16L),
                Map.of("a", v(root, "a"), "b", v(root, "b"), "c", v(root, "c"), "e", v(root, "e"), "f", v(root, "f"),
                        "g", v(root, "g")));
        assertEquals(null, v(root, "d"));
        assertEquals(null, v(root, "h"));
    }

    private static Object v(MapNode m, String k) {
        return ((ScalarNode) m.get(k)).value();
    }

    @Test
    void expandsAnchorsAndMergeKeys() {
        MapNode root = parse("""
                x-base: &base
                  image: busybox
                  environment: {A: "1"}
                services:
                  web:
                    <<: *base
                    image: nginx
                """);
        Object web = Nodes.toPlain(Nodes.at(root, dev.jcompose.load.tree.KeyPath.of("services", "web")));
        assertEquals(Map.of("image", "nginx", "environment", Map.of("A", "1")), web);
    }

    @Test
    void recordsResetAndOverrideTags() {
        MapNode root = parse("ports: !reset []\nenvironment: !override\n  A: b\n");
        assertEquals(NodeTag.RESET, root.get("ports").tag());
        assertEquals(NodeTag.OVERRIDE, root.get("environment").tag());
    }

    @Test
    void rejectsDuplicateKeysWithBothPositions() {
        ComposeException e = assertThrows(ComposeException.class, () -> parse("a: 1\nb: 2\na: 3\n"));
        assertEquals("compose.yaml:3:1: duplicate key 'a' (first defined at compose.yaml:1:1)", e.getMessage());
    }

    @Test
    void explainsTabs() {
        ComposeException e = assertThrows(ComposeException.class, () -> parse("services:\n\tweb: {}\n"));
        assertTrue(e.getMessage().startsWith("compose.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("tabs"), e.getMessage());
    }

    @Test
    void stopsAliasBombs() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                y.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        ComposeException e = assertThrows(ComposeException.class, () -> parse(y.toString()));
        assertTrue(e.getMessage().contains("alias bomb"), e.getMessage());
    }

    @Test
    void readsEveryDocument() {
        List<Node> docs = YamlParser.parseAll("f.yaml", "a: 1\n---\nb: 2\n");
        assertEquals(2, docs.size());
        assertInstanceOf(MapNode.class, docs.get(1));
    }

    @Test
    void rejectsNonScalarKeys() {
        ComposeException e = assertThrows(ComposeException.class, () -> parse("? [a]\n: 1\n"));
        assertTrue(e.getMessage().contains("keys must be strings"), e.getMessage());
    }

    @Test
    void unterminatedQuotePointsAtItsStart() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> parse("services:\n  web:\n    image: \"nginx\n    ports: []\n"));
        assertTrue(e.getMessage().startsWith("compose.yaml:3:12: invalid YAML"), e.getMessage());
    }

    @Test
    void undefinedAliasIsNamedWithoutStrayPunctuation() {
        ComposeException e = assertThrows(ComposeException.class, () -> parse("a: *nope\n"));
        assertTrue(e.getMessage().matches("compose.yaml:1:4: invalid YAML: [a-z].*nope.*"), e.getMessage());
    }
}
