package dev.jcompose.plan;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static dev.jcompose.plan.Golden.opts;
import static dev.jcompose.plan.Golden.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.graph.GraphWalker.Direction;
import dev.jcompose.model.Project;
import dev.jcompose.state.ContainerState;
import dev.jcompose.state.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The Plan value: JSON form, DAG view, determinism. */
class PlanTest {
    private static final Project APP = project("myapp").service(service("web").dependsOn("db"))
            .service(service("db")).build();

    @Test
    void jsonCarriesOperationsDependenciesAndWarnings() throws Exception {
        Plan plan = up(APP, Observed.of(APP).infra().running("db", 1).container("web", 1, c -> c.hash("stale"))
                .orphan("old", 1, ContainerState.EXITED).build());
        JsonNode json = new ObjectMapper().readTree(plan.toJson());
        JsonNode ops = json.get("operations");
        assertEquals(plan.nodes().size(), ops.size());
        JsonNode create = ops.get(0);
        assertEquals(1, create.get("id").asInt());
        assertEquals("CREATE_CONTAINER", create.get("type").asText());
        assertEquals("service:web:1", create.get("resource").asText());
        assertEquals("config hash differs", create.get("cause").asText());
        assertEquals("id-web-1_myapp-web-1", create.get("name").asText());
        assertEquals("web", create.get("service").asText());
        assertEquals(1, create.get("number").asInt());
        assertEquals("id-web-1", create.get("inheritFrom").asText());
        assertEquals("db:service_started:false", create.get("labels").get(Labels.DEPENDS_ON).asText());
        assertEquals("recreate:web:1", create.get("group").asText());
        JsonNode rename = ops.get(3);
        assertEquals(1, rename.get("subjectNode").asInt());
        assertEquals("[3]", rename.get("dependsOn").toString());
        assertTrue(json.get("warnings").get(0).asText().startsWith("Found orphan containers (myapp-old-1)"));
        List<String> keys = new ArrayList<>();
        create.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "type", "resource", "cause", "name", "service", "number", "inheritFrom",
                "labels", "dependsOn", "group"), keys);
    }

    @Test
    void sameInputsGiveTheSamePlan() {
        Observed o = Observed.of(APP).container("web", 1, c -> c.hash("stale")).running("db", 2);
        ReconcileOptions options = opts().scale("db", 3).build();
        String first = Reconciler.reconcile(APP, o.build(), options).toJson();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, Reconciler.reconcile(APP, o.build(), options).toJson());
        }
    }

    @Test
    void everyNodeComesAfterItsDependencies() {
        Plan plan = up(APP, Observed.of(APP).build(), opts().scale("web", 3).scale("db", 2));
        for (PlanNode n : plan.nodes()) {
            for (int d : n.dependsOn()) {
                assertTrue(d < n.id(), n.line());
            }
        }
        assertEquals(plan.nodes().size(), plan.graph().vertexSet().size());
    }

    @Test
    void walkingThePlanRunsEachOperationAfterItsDependencies() {
        Plan plan = up(APP, Observed.of(APP).build(), opts().scale("web", 2));
        List<Integer> done = new CopyOnWriteArrayList<>();
        plan.walker().walk(Direction.DEPENDENCIES_FIRST, 0, n -> {
            for (int d : n.dependsOn()) {
                assertTrue(done.contains(d), "#" + n.id() + " ran before #" + d);
            }
            done.add(n.id());
        });
        assertEquals(plan.nodes().size(), done.size());
    }

    @Test
    void emptyPlanWithWarningsIsStillEmpty() {
        Plan plan = up(APP, Observed.of(APP).infra().running("web", 1).running("db", 1)
                .orphan("old", 1, ContainerState.EXITED).build());
        assertTrue(plan.isEmpty());
        assertFalse(plan.warnings().isEmpty());
        assertEquals("{\n  \"operations\" : [ ],\n  \"warnings\" : [ \"" + plan.warnings().get(0) + "\" ]\n}",
                plan.toJson().replace("\r\n", "\n"));
    }
}
