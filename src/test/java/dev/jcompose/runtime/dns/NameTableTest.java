package dev.jcompose.runtime.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameTableTest {
    @Test
    void registerUnregisterAndScaleDown() {
        NameTable t = new NameTable();
        t.register("n", "web", "10.0.0.2");
        t.register("n", "web", "10.0.0.3");
        t.register("n", "proj-web-2", "10.0.0.3");
        t.register("n", "web", "10.0.0.3"); // idempotent
        assertEquals(List.of("10.0.0.2", "10.0.0.3"), t.lookup(List.of("n"), "web."));
        t.unregisterAddress("n", "10.0.0.3"); // replica 2 removed by scale-down
        assertEquals(List.of("10.0.0.2"), t.lookup(List.of("n"), "web"));
        assertEquals(List.of(), t.lookup(List.of("n"), "proj-web-2"));
        t.unregister("n", "web", "10.0.0.2");
        assertEquals(List.of(), t.lookup(List.of("n"), "web"));
        assertFalse(t.hasAddress("n", "10.0.0.2"));
    }

    @Test
    void firstNetworkOfTheScopeWins() {
        NameTable t = new NameTable();
        t.register("a", "db", "10.0.0.2");
        t.register("b", "db", "10.1.0.2");
        assertEquals(List.of("10.1.0.2"), t.lookup(List.of("b", "a"), "db"));
        assertEquals(List.of("db.a"), t.reverse(List.of("b", "a"), "10.0.0.2"));
        t.removeNetwork("b");
        assertEquals(List.of("10.0.0.2"), t.lookup(List.of("b", "a"), "db"));
    }
}
