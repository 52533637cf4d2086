package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.yaml.YamlParser;
import org.junit.jupiter.api.Test;

/** Inputs that once validated wrongly. */
class SchemaRegressionTest {
    private static MapNode parse(String yaml) {
        return (MapNode) YamlParser.parse("compose.yaml", yaml);
    }

    @Test
    void mappingWithSeveralNullValuesIsNotADuplicateList() {
        assertDoesNotThrow(() -> SchemaValidator.validate(parse(
                "services:\n  a:\n    image: x\n    environment:\n      ZO:\n      MEU:\n")));
    }

    @Test
    void listWithDuplicatesIsStillRejected() {
        assertThrows(ComposeException.class, () -> SchemaValidator.validate(parse(
                "services:\n  a:\n    image: x\n    environment: [A=1, A=1]\n")));
    }
}
