package dev.jcompose.load.interpolate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.NodeTag;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.yaml.YamlParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolatorTest {
    private static MapNode yaml(String text) {
        return (MapNode) YamlParser.parse("compose.yaml", text);
    }

    private static Object at(Node root, Object... path) {
        return ((ScalarNode) Nodes.at(root, KeyPath.of(path))).value();
    }

    @Test
    void requiredVariableErrorNamesPositionAndPath() {
        MapNode root = yaml("services:\n  web:\n    image: \"nginx:${TAG:?set TAG}\"\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> Interpolator.interpolate(root, Map.of(), new Warnings()));
        assertEquals("compose.yaml:3:12 services.web.image: required variable TAG is missing a value: set TAG",
                e.getMessage());
        assertEquals(ComposeException.Kind.CONFIG, e.kind());
    }

    @Test
    void invalidTemplateErrorNamesPathInComposeWords() {
        MapNode root = yaml("services:\n  web:\n    ports:\n      - \"${:80\"\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> Interpolator.interpolate(root, Map.of(), new Warnings()));
        assertEquals("compose.yaml:4:9 services.web.ports[0]: invalid interpolation format for services.web.ports[0]"
                + ".\nYou may need to escape any $ with another $.\n${:80", e.getMessage());
    }

    @Test
    void keysAreNeverInterpolatedAndMarksAndTagsAreKept() {
        MapNode root = yaml("services:\n  ${NAME}:\n    image: $IMG\n    command: !reset\n      - a\n");
        MapNode out = Interpolator.interpolate(root, Map.of("NAME", "x", "IMG", "busybox"), new Warnings());
        MapNode services = (MapNode) out.get("services");
        assertEquals(List.of("${NAME}"), List.copyOf(services.keys()));
        Node image = Nodes.at(out, KeyPath.of("services", "${NAME}", "image"));
        assertEquals("busybox", ((ScalarNode) image).value());
        assertEquals(3, image.mark().line());
        assertEquals(12, image.mark().column());
        assertEquals(NodeTag.RESET, Nodes.at(out, KeyPath.of("services", "${NAME}", "command")).tag());
    }

    @Test
    void unsetVariablesWarnOnceEach() {
        MapNode root = yaml("x-a: $MISSING\nx-b: ${MISSING}\nx-c: ${OTHER:-d}\n");
        Warnings w = new Warnings();
        Interpolator.interpolate(root, Map.of(), w);
        assertEquals(List.of(Template.unsetWarning("MISSING")), w.list());
        assertEquals("The \"MISSING\" variable is not set. Defaulting to a blank string.", w.list().get(0));
    }

    @Test
    void nonStringScalarsAreLeftAlone() {
        MapNode root = yaml("services:\n  web:\n    scale: 2\n    tty: true\n    x: null\n");
        MapNode out = Interpolator.interpolate(root, Map.of(), new Warnings());
        assertEquals(2L, at(out, "services", "web", "scale"));
        assertEquals(true, at(out, "services", "web", "tty"));
        assertEquals(null, at(out, "services", "web", "x"));
    }

    @Test
    void dollarDollarIsUnescapedOnce() {
        MapNode root = yaml("services:\n  web:\n    command: echo $$HOME $${X}\n");
        MapNode out = Interpolator.interpolate(root, Map.of("HOME", "/root"), new Warnings());
        assertEquals("echo $HOME ${X}", at(out, "services", "web", "command"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "services.web.deploy.replicas | 3 | 3",
        "services.web.scale | '+4' | 4",
        "services.web.ports.0.target | 80 | 80",
        "services.web.healthcheck.retries | 5 | 5",
        "services.web.ulimits.nofile | 1024 | 1024",
        "services.web.ulimits.nofile.soft | 10 | 10",
        "services.web.cpus | 0.5 | 0.5",
        "services.web.cpu_percent | 1e2 | 100.0",
        "services.web.healthcheck.disable | TRUE | true",
        "services.web.read_only | false | false",
        "services.web.privileged | true | true",
        "services.web.depends_on.db.required | false | false",
        "services.web.volumes.0.volume.nocopy | true | true",
        "networks.front.external | true | true",
        "networks.front.internal | false | false",
        "networks.front.attachable | true | true",
        "volumes.data.external | true | true",
        "secrets.s.external | true | true",
        "configs.c.external | false | false",
    })
    void castsTypedPathsLikeCompose(String dotted, String text, String expected) {
        Object[] path = pathOf(dotted);
        MapNode root = (MapNode) nest(path, 0, "${V}");
        MapNode out = Interpolator.interpolate(root, Map.of("V", text), new Warnings());
        Object value = at(out, path);
        assertEquals(expected, String.valueOf(value));
        assertTrue(value instanceof Long || value instanceof Double || value instanceof Boolean, value.getClass()
                .toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "services.web.ports.0.published | 8080",
        "services.web.image | 1",
        "services.web.environment.TTY | true",
        "x-custom.replicas | 3",
    })
    void otherPathsStayStrings(String dotted, String text) {
        Object[] path = pathOf(dotted);
        MapNode out = Interpolator.interpolate((MapNode) nest(path, 0, "${V}"), Map.of("V", text), new Warnings());
        assertEquals(text, at(out, path));
    }

    @Test
    void yaml11BooleansWarn() {
        Object[] path = pathOf("services.web.tty");
        Warnings w = new Warnings();
        MapNode out = Interpolator.interpolate((MapNode) nest(path, 0, "${V}"), Map.of("V", "yes"), w);
        assertEquals(true, at(out, path));
        assertEquals(List.of("\"yes\" for boolean is not supported by YAML 1.2, please use `true`"), w.list());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "deploy:\\n      replicas: \"${N}\" | abc | compose.yaml:4:17 services.web.deploy.replicas: failed to cast to "
                + "expected type: \"abc\" is not an integer",
        "tty: \"${N}\" | maybe | compose.yaml:3:10 services.web.tty: failed to cast to expected type: invalid "
                + "boolean: maybe",
        "cpus: \"${N}\" | 1.5x | compose.yaml:3:11 services.web.cpus: failed to cast to expected type: \"1.5x\" is "
                + "not a number",
        "scale: \"${N}\" | 1 000 | compose.yaml:3:12 services.web.scale: failed to cast to expected type: \"1 000\" "
                + "is not an integer",
    })
    void castFailuresNamePathAndPosition(String service, String value, String message) {
        MapNode root = yaml("services:\n  web:\n    " + service.replace("\\n", "\n") + "\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> Interpolator.interpolate(root, Map.of("N", value), new Warnings()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void unchangedScalarsAreTheSameNode() {
        MapNode root = yaml("services:\n  web:\n    image: nginx\n");
        MapNode out = Interpolator.interpolate(root, Map.of(), new Warnings());
        assertSame(Nodes.at(root, KeyPath.of("services", "web", "image")),
                Nodes.at(out, KeyPath.of("services", "web", "image")));
    }

    private static Object[] pathOf(String dotted) {
        String[] parts = dotted.split("\\.");
        Object[] out = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].matches("[0-9]+") ? (Object) Integer.valueOf(parts[i]) : parts[i];
        }
        return out;
    }

    private static Node nest(Object[] path, int i, String leaf) {
        if (i == path.length) {
            return Nodes.fromPlain(leaf, dev.jcompose.load.tree.Mark.synthetic("t"));
        }
        Node child = nest(path, i + 1, leaf);
        if (path[i] instanceof Integer) {
            return dev.jcompose.load.tree.SeqNode.of(child.mark(), List.of(child));
        }
        return MapNode.builder(child.mark()).put((String) path[i], child).build();
    }
}
