package dev.jcompose.load.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.yaml.YamlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation stays fast on big projects and is safe to run from several threads at once. */
class SchemaValidatorScaleTest {
    static final int SERVICES = 5000;
    static MapNode big;

    @BeforeAll
    static void buildProject() {
        StringBuilder y = new StringBuilder("name: big\nservices:\n");
        for (int i = 0; i < SERVICES; i++) {
            y.append("  svc").append(i).append(":\n")
                    .append("    image: registry.example/app:").append(i).append('\n')
                    .append("    ports: [\"").append(10000 + i).append(":80\", {target: 81, published: \"")
                    .append(20000 + i).append("\"}]\n")
                    .append("    environment: {ID: \"").append(i).append("\", DEBUG: \"false\"}\n")
                    .append("    volumes: [\"data").append(i).append(":/data\", {type: bind, source: ./, target: /src}]\n")
                    .append("    healthcheck: {test: [CMD, \"true\"], interval: 10s, retries: 3}\n")
                    .append(i > 0 ? "    depends_on: {svc" + (i - 1) + ": {condition: service_healthy}}\n" : "")
                    .append("    deploy: {resources: {limits: {cpus: '0.5', memory: 64m}}}\n");
        }
        big = (MapNode) YamlParser.parse("big.yaml", y.toString());
        SchemaValidator.validate(big); // compiles the schema and warms the JIT
    }

    @Test
    void fiveThousandServicesValidateWellUnderASecond() {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            SchemaValidator.validate(big);
            best = Math.min(best, System.nanoTime() - start);
        }
        long millis = best / 1_000_000;
        assertTrue(millis < 1000, "validating " + SERVICES + " services took " + millis + " ms");
    }

    @Test
    void anErrorInTheLastServiceIsFoundQuickly() {
        MapNode services = (MapNode) big.get("services");
        String last = "svc" + (SERVICES - 1);
        MapNode broken = big.with("services", services.with(last,
                ((MapNode) services.get(last)).with("restart", services.get("svc0"))));
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            ComposeException e = assertThrows(ComposeException.class, () -> SchemaValidator.validate(broken));
            best = Math.min(best, System.nanoTime() - start);
            assertTrue(e.getMessage().startsWith("big.yaml:4:5 services." + last
                    + ".restart: must be a string, not a mapping"), e.getMessage());
        }
        long millis = best / 1_000_000;
        assertTrue(millis < 1000, "reporting an error among " + SERVICES + " services took " + millis + " ms");
    }

    @Test
    void concurrentValidationsAgree() throws Exception {
        MapNode bad = (MapNode) YamlParser.parse("bad.yaml", "services:\n  web:\n    imgae: x\n");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean valid = i % 2 == 0;
                results.add(pool.submit(() -> {
                    if (valid) {
                        SchemaValidator.validate(big);
                        return "ok";
                    }
                    return assertThrows(ComposeException.class, () -> SchemaValidator.validate(bad)).getMessage();
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                String expected = i % 2 == 0 ? "ok"
                        : "bad.yaml:3:5 services.web: additional properties 'imgae' not allowed (did you mean 'image'?)";
                assertEquals(expected, results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertDoesNotThrow(() -> SchemaValidator.validate(big));
    }
}
