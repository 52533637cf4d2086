package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.yaml.YamlParser;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Choice of the reported violation for schemas written with oneOf/anyOf (as the official compose schema is):
 * the branch written for the value's type speaks; a value no branch's type fits gets one "must be a X or Y".
 */
class ViolationPickerTest {
    static final ComposeSchema ONE_OF = ComposeSchema.parse("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object",
             "properties": {
               "build": {"oneOf": [
                 {"type": "string"},
                 {"type": "object", "properties": {"context": {"type": "string"}, "args": {"$ref": "#/$defs/kv"}},
                  "required": ["context"], "additionalProperties": false}]},
               "ports": {"type": "array", "items": {"anyOf": [
                 {"type": "number"}, {"type": "string"},
                 {"type": "object", "properties": {"target": {"type": "integer"}}, "additionalProperties": false}]}},
               "both": {"$ref": "#/$defs/size", "type": ["integer", "string"]}
             },
             "additionalProperties": false,
             "$defs": {
               "kv": {"oneOf": [
                 {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
                 {"type": "array", "items": {"type": "string"}}]},
               "size": {"type": ["number", "string", "boolean"]}
             }}
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("build: {context: ., dockerfil: x}",
                        "t.yaml:1:21 build: additional properties 'dockerfil' not allowed"),
                Arguments.of("build: {args: {A: x}}", "t.yaml:1:8 build: missing required property 'context'"),
                Arguments.of("build: [a]", "t.yaml:1:8 build: must be a mapping or string, not a list"),
                Arguments.of("build: {context: ., args: 3}",
                        "t.yaml:1:27 build.args: must be a list or mapping, not a number"),
                Arguments.of("build: {context: ., args: [1]}", "t.yaml:1:28 build.args[0]: must be a string, not a number"),
                Arguments.of("build: {context: ., args: {A: [x]}}",
                        "t.yaml:1:31 build.args.A: must be null or string, not a list"),
                Arguments.of("ports: [{target: x}]", "t.yaml:1:18 ports[0].target: must be an integer, not a string"),
                Arguments.of("ports: [[1]]", "t.yaml:1:9 ports[0]: must be a mapping, number or string, not a list"),
                Arguments.of("both: true", "t.yaml:1:7 both: must be an integer or string, not a boolean"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheBranchForTheValuesType(String yaml, String expected) {
        MapNode doc = (MapNode) YamlParser.parse("t.yaml", yaml);
        ComposeException e = assertThrows(ComposeException.class, () -> ONE_OF.validate(doc));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void typeIntersectionTreatsIntegerAsANumber() {
        assertEquals(Set.of("integer"), ViolationPicker.intersect(Set.of("number", "string"), Set.of("integer")));
        assertEquals(Set.of("string"), ViolationPicker.intersect(Set.of("number", "string"), Set.of("string", "null")));
    }

    @Test
    void typePhrases() {
        assertEquals("a mapping", ViolationText.typePhrase(List.of("object")));
        assertEquals("an integer or string", ViolationText.typePhrase(List.of("integer", "string")));
        assertEquals("a list, null or string", ViolationText.typePhrase(List.of("null", "string", "array")));
        assertEquals("a boolean, null, number or string",
                ViolationText.typePhrase(List.of("string", "number", "boolean", "null")));
        assertEquals("null", ViolationText.typePhrase(List.of("null")));
    }

    @Test
    void suggestsOnlyCloseNames() {
        List<String> names = List.of("image", "build", "ports", "environment", "env_file");
        assertEquals(" (did you mean 'image'?)", ViolationText.suggestion("imgae", names));
        assertEquals(" (did you mean 'environment'?)", ViolationText.suggestion("enviroment", names));
        assertEquals(" (did you mean 'ports'?)", ViolationText.suggestion("Ports", names));
        assertEquals("", ViolationText.suggestion("wrongField", names));
        assertEquals("", ViolationText.suggestion("x", names));
    }
}
