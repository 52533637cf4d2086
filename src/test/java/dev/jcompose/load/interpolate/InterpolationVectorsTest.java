package dev.jcompose.load.interpolate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** All 139 cases of vectors/interpolation.json: template, operator-choice and tree kinds. */
class InterpolationVectorsTest {
    private static final Mark MARK = new Mark("compose.yaml", 3, 12);

    static Stream<Named<JsonNode>> templates() {
        return Vectors.cases("interpolation.json", c -> !c.has("kind")).stream();
    }

    static Stream<Named<JsonNode>> operators() {
        return Vectors.cases("interpolation.json", c -> c.path("kind").asText().equals("operator")).stream();
    }

    static Stream<Named<JsonNode>> trees() {
        return Vectors.cases("interpolation.json", c -> c.path("kind").asText().equals("tree")).stream();
    }

    @Test
    void allCasesAreCovered() {
        assertEquals(139, templates().count() + operators().count() + trees().count());
    }

    @ParameterizedTest
    @MethodSource("templates")
    void template(JsonNode c) {
        Map<String, String> env = Vectors.strings(c.get("env"));
        String template = c.get("template").asText();
        List<String> unset = new ArrayList<>();
        if (c.path("error").asBoolean()) {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> Template.substitute(template, env::get, unset::add));
            assertTrue(e.getMessage().contains(c.get("errorContains").asText()), e.getMessage());
            if (c.has("errorType")) {
                assertEquals(c.get("errorType").asText(), e.getClass().getSimpleName().equals("MissingRequired")
                        ? "MissingRequiredError" : e.getClass().getSimpleName());
            }
            if (c.has("errorFields")) {
                var missing = (TemplateException.MissingRequired) e;
                assertEquals(c.get("errorFields").get("Variable").asText(), missing.variable());
                assertEquals(c.get("errorFields").get("Reason").asText(), missing.reason());
            }
        } else {
            assertEquals(c.get("expected").asText(), Template.substitute(template, env::get, unset::add));
            if (c.has("expectedWarnings")) {
                assertEquals(c.get("expectedWarnings").asInt(), unset.size(), unset.toString());
            }
        }
        if (c.has("path")) {
            atTreePath(c, template, env);
        }
    }

    /** Cases that name a path run again through the tree interpolator, whose errors carry that path. */
    private static void atTreePath(JsonNode c, String template, Map<String, String> env) {
        String[] keys = c.get("path").asText().split("\\.");
        MapNode root = nest(keys, 0, template);
        if (c.path("error").asBoolean()) {
            ComposeException e = assertThrows(ComposeException.class,
                    () -> Interpolator.interpolate(root, env, new Warnings()));
            String expected = c.get("fullError").asText().replace("error while interpolating ", "");
            assertEquals(MARK + " " + expected, e.getMessage());
        } else {
            MapNode out = Interpolator.interpolate(root, env, new Warnings());
            assertEquals(c.get("expected").asText(), Nodes.at(out, KeyPath.of((Object[]) keys)) instanceof ScalarNode s
                    ? s.value() : null);
        }
    }

    private static MapNode nest(String[] keys, int i, String leaf) {
        MapNode.Builder b = MapNode.builder(MARK);
        b.put(keys[i], MARK, i == keys.length - 1 ? ScalarNode.of(MARK, leaf) : nest(keys, i + 1, leaf));
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("operators")
    void operatorChoice(JsonNode c) {
        String template = "${" + c.get("braceContent").asText() + "}";
        TemplateScanner.Token token = TemplateScanner.next(template, 0);
        assertEquals(TemplateScanner.Kind.REFERENCE, token.kind());
        assertEquals(c.get("operator").asText(), token.operator().symbol());
    }

    @ParameterizedTest
    @MethodSource("trees")
    void tree(JsonNode c) {
        Map<String, String> env = Vectors.strings(c.get("env"));
        MapNode input = (MapNode) Nodes.fromPlain(Vectors.plain(c.get("input")), MARK);
        // The upstream test registers casts for these two paths only.
        TypeCasts casts = new TypeCasts(Map.of("*.replicas", TypeCasts.Type.INT, "*.required",
                TypeCasts.Type.BOOLEAN));
        if (c.path("error").asBoolean()) {
            ComposeException e = assertThrows(ComposeException.class,
                    () -> Interpolator.interpolate(input, env, new Warnings(), casts));
            assertTrue(e.getMessage().endsWith(": " + c.get("errorEquals").asText()), e.getMessage());
            assertTrue(e.getMessage().startsWith(MARK.toString()), e.getMessage());
        } else {
            Object expected = Nodes.toPlain(Nodes.fromPlain(Vectors.plain(c.get("expected")), MARK));
            assertEquals(expected, Nodes.toPlain(Interpolator.interpolate(input, env, new Warnings(), casts)));
        }
    }
}
