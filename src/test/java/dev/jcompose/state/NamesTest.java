package dev.jcompose.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void containerNames() {
        assertEquals("myapp-web-2", Names.container("myapp", "web", 2));
        String slug = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assertEquals("myapp-web-run-0123456789ab", Names.oneOffContainer("myapp", "web", slug));
        assertEquals("0123456789ab_myapp-web-1", Names.replacement(slug, "myapp-web-1"));
    }

    @Test
    void resourceAndImageNames() {
        assertEquals("myapp_default", Names.resource("myapp", "default"));
        assertEquals("myapp-web", Names.defaultImage("myapp", "web"));
    }

    @Test
    void shortIds() {
        assertEquals("0123456789ab", Names.shortId("sha256:0123456789abcdef"));
        assertEquals("abc", Names.shortId("abc"));
        assertEquals("", Names.shortId(null));
    }

    @Test
    void slugsAre64HexAndVary() {
        Random random = new Random(42);
        String a = Names.newSlug(random);
        String b = Names.newSlug(random);
        assertTrue(a.matches("[0-9a-f]{64}"), a);
        assertNotEquals(a, b);
    }
}
