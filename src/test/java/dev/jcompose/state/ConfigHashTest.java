package dev.jcompose.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.model.Service;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigHashTest {
    /** A Service whose only meaningful field is its definition (the hash reads nothing else). */
    static Service service(Map<String, Object> definition) {
        try {
            RecordComponent[] components = Service.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = switch (components[i].getName()) {
                    case "name" -> "web";
                    case "definition" -> definition;
                    default -> types[i] == boolean.class ? false : types[i] == int.class ? 1 : null;
                };
            }
            return Service.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, Object> base() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("image", "nginx");
        d.put("environment", new LinkedHashMap<>(Map.of("A", "1")));
        d.put("networks", Map.of("default", new LinkedHashMap<>()));
        d.put("scale", 1L);
        return d;
    }

    @Test
    void isASha256HexDigestAndDeterministic() {
        String h = ConfigHash.of(service(base()));
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        assertEquals(h, ConfigHash.of(service(base())));
    }

    @Test
    void keyOrderDoesNotMatter() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        List<String> keys = List.copyOf(base().keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.put(keys.get(i), base().get(keys.get(i)));
        }
        assertEquals(ConfigHash.of(service(base())), ConfigHash.of(service(reversed)));
    }

    @Test
    void environmentChangesChangeTheHash() {
        Map<String, Object> changed = base();
        changed.put("environment", Map.of("A", "2"));
        assertNotEquals(ConfigHash.of(service(base())), ConfigHash.of(service(changed)));
    }

    @Test
    void scaleReplicasDependsOnBuildProfilesAndPullPolicyDoNot() {
        Map<String, Object> changed = base();
        changed.put("scale", 5L);
        changed.put("deploy", Map.of("replicas", 5L));
        changed.put("depends_on", Map.of("db", Map.of("condition", "service_started", "required", true)));
        changed.put("build", Map.of("context", "."));
        changed.put("profiles", List.of("debug"));
        changed.put("pull_policy", "always");
        changed.put("env_file", List.of(Map.of("path", "/p/.env")));
        assertEquals(ConfigHash.of(service(base())), ConfigHash.of(service(changed)));
    }

    @Test
    void otherDeploySettingsStillCount() {
        Map<String, Object> changed = base();
        changed.put("deploy", Map.of("replicas", 2L, "resources", Map.of("limits", Map.of("memory", "1024"))));
        assertNotEquals(ConfigHash.of(service(base())), ConfigHash.of(service(changed)));
    }

    @Test
    void canonicalJsonIsSortedAndCompact() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1L, 2.5, true, "x\"y\n"));
        m.put("a", null);
        assertEquals("{\"a\":null,\"b\":[1,2.5,true,\"x\\\"y\\n\"]}", ConfigHash.canonicalJson(m));
    }
}
