package dev.jcompose.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Json reads and writes trees without an ObjectMapper: same trees and same text as the mapper gives. */
class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> DOCUMENTS = List.of(
            "{}", "[]", "null", "true", "\"text\"", "42", "-7", "3.25", "1e3", "-0.0",
            "{\"Id\":\"abc\",\"Names\":[\"/demo-web-1\"],\"Created\":1732250000,\"Labels\":{\"a\":\"b\",\"é\":\"☃\"},"
                    + "\"State\":\"running\",\"Ports\":[{\"PrivatePort\":80,\"Type\":\"tcp\"}],\"Mounts\":[],"
                    + "\"NetworkSettings\":{\"Networks\":{\"demo_default\":{\"NetworkID\":\"n1\",\"Aliases\":null}}}}",
            "{\"Size\":9223372036854775807,\"Big\":123456789012345678901234567890,\"Neg\":-2147483649,"
                    + "\"Int\":2147483647,\"F\":0.1,\"Exp\":6.02e23}",
            "{\"esc\":\"quote\\\" backslash\\\\ nl\\n tab\\t ctl\\u0001 uni\\u00e9 \\u2028 slash\\/\"}",
            "[1,[2,[3,[4,{\"deep\":[null,false,true]}]]]]",
            "{\"dup\":1,\"dup\":2}",
            "[\"\\ud83d\\ude00 pair\", -0, -0.0, 1E+2, 2e-3, 9223372036854775807, -9223372036854775808,"
                    + " 9223372036854775808, 2147483648, -2147483648, 1000000000]",
            "  {\"spaced\" : [ 1 , 2 ] }  ");

    @Test
    void readsTheSameTreesAsTheMapper() throws Exception {
        for (String doc : DOCUMENTS) {
            JsonNode expected = MAPPER.readTree(doc);
            JsonNode actual = Json.parse(doc);
            assertEquals(expected, actual, doc);
            assertEquals(expected.getClass(), actual.getClass(), doc);
        }
    }

    @Test
    void writesTheSameTextAsTheMapper() throws Exception {
        for (String doc : DOCUMENTS) {
            JsonNode tree = MAPPER.readTree(doc);
            assertEquals(MAPPER.writeValueAsString(tree), Json.write(tree), doc);
            assertEquals(tree.toString(), Json.write(tree), doc);
            assertEquals(MAPPER.writeValueAsString(tree), new String(Json.bytes(tree), StandardCharsets.UTF_8));
        }
        ObjectNode built = Json.object();
        built.put("Image", "busybox").put("Tty", true).put("StopTimeout", 10L).putNull("Cmd");
        built.putArray("Env").add("A=1").add("B=ü");
        built.putObject("Labels").put("x", "y");
        built.set("Empty", Json.array());
        assertEquals(MAPPER.writeValueAsString(built), Json.write(built));
    }

    @Test
    void blankTextIsMissingAndBrokenTextFails() {
        assertTrue(Json.parse("").isMissingNode());
        for (String broken : List.of("{", "[1,", "{\"a\":}", "nul", "{\"a\" 1}", "01", "[1.]", "-", "{} x",
                "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "[1 2]", "{\"a\":1,}", "[".repeat(1001))) {
            assertThrows(UncheckedIOException.class, () -> Json.parse(broken), broken);
        }
    }
}
