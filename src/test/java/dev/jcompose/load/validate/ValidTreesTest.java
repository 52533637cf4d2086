package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.yaml.YamlParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of trees known to pass the schema. */
class ValidTreesTest {
    @TempDir
    Path dir;

    private static MapNode parse(String yaml) {
        return (MapNode) YamlParser.parse("compose.yaml", yaml);
    }

    private ValidTrees cache(String schema) {
        return new ValidTrees(dir.resolve("valid-trees"), schema.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theKeyFollowsContentTypesAndSchemaButNotPositions() {
        ValidTrees c = cache("schema-1");
        String k = c.key(parse("services: {web: {image: nginx, ports: ['80']}}"));
        assertEquals(k, c.key(parse("services:\n  web:\n    image: nginx\n    ports:\n      - '80'\n")),
                "same content in another layout");
        assertNotEquals(k, c.key(parse("services: {web: {image: nginx, ports: [80]}}")), "a string is not a number");
        assertNotEquals(k, c.key(parse("services: {web: {image: nginx, ports: ['81']}}")));
        assertNotEquals(c.key(parse("a: {bc: d}")), c.key(parse("a: {b: cd}")), "lengths are part of the key");
        assertNotEquals(k, cache("schema-2").key(parse("services: {web: {image: nginx, ports: ['80']}}")),
                "a new schema forgets every tree");
    }

    @Test
    void rememberedTreesAreKnownAndTheCacheStaysBounded() throws Exception {
        ValidTrees c = cache("s");
        MapNode tree = parse("services: {web: {image: nginx}}");
        assertFalse(c.known(tree));
        c.remember(tree);
        assertTrue(c.known(tree));
        c.remember(tree); // twice is fine
        for (int i = 0; i < 600; i++) {
            c.remember(parse("services: {s" + i + ": {image: x}}"));
        }
        try (Stream<Path> entries = Files.list(dir.resolve("valid-trees"))) {
            long n = entries.count();
            assertTrue(n <= 512 && n >= 256, "pruned to between half and the maximum, was " + n);
        }
    }

    @Test
    void theValidatorRemembersValidTreesOnlySoAnInvalidOneFailsEveryTime() {
        // the same cache SchemaValidator uses (surefire points jcompose.cache.dir into target/)
        ValidTrees used = ValidTrees.forUser(SchemaValidator.RESOURCE).orElseThrow();
        MapNode invalid = parse("services: {web: {imgae: nginx, x-run: " + System.nanoTime() + "}}");
        for (int i = 0; i < 2; i++) {
            ComposeException e = assertThrows(ComposeException.class, () -> SchemaValidator.validate(invalid));
            assertTrue(e.getMessage().contains("did you mean 'image'"), e.getMessage());
            assertFalse(used.known(invalid));
        }
        MapNode valid = parse("services: {web: {image: nginx, x-run: " + System.nanoTime() + "}}");
        assertFalse(used.known(valid));
        SchemaValidator.validate(valid);
        assertTrue(used.known(valid));
    }
}
