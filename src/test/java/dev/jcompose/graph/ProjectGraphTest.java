package dev.jcompose.graph;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.model.DependsOn;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectGraphTest {

    private static String cycleError(TestProjects.ProjectBuilder p) {
        ComposeException e = assertThrows(ComposeException.class, () -> ProjectGraph.of(p.build()));
        assertEquals(ComposeException.Kind.CONFIG, e.kind());
        return e.getMessage();
    }

    @Test
    void cycleIsNamedFromTheSmallestNameWhateverTheDeclarationOrder() {
        // Same cycle as compose-depends-on-cycle.yaml, entered from different services.
        String expected = "dependency cycle detected: service1 -> service2 -> service3 -> service1";
        assertEquals(expected, cycleError(project("p")
                .service(service("service3").dependsOn("service1"))
                .service(service("service1").dependsOn("service2"))
                .service(service("service2").dependsOn("service3"))));
    }

    @Test
    void cycleReachedFromOutsideNamesOnlyTheCycle() {
        assertEquals("dependency cycle detected: b -> c -> b", cycleError(project("p")
                .service(service("a").dependsOn("b"))
                .service(service("b").dependsOn("c"))
                .service(service("c").dependsOn("b", "d"))
                .service(service("d"))));
    }

    @Test
    void implicitDependenciesCloseCycles() {
        assertEquals("dependency cycle detected: app -> db -> app", cycleError(project("p")
                .service(service("app").links("db:database"))
                .service(service("db").volumesFrom("app:ro"))));
    }

    @Test
    void implicitDependenciesBecomeEdges() {
        ProjectGraph g = ProjectGraph.of(project("p")
                .service(service("web").links("api:backend").volumesFrom("data:ro", "container:legacy")
                        .networkMode("service:vpn").ipc("service:shm").pid("host"))
                .service(service("api")).service(service("data")).service(service("vpn")).service(service("shm"))
                .build());
        assertEquals(Set.of("api", "data", "shm", "vpn"), g.dependencies("web"));
        assertEquals(Set.of("web"), g.dependents("vpn"));
        assertTrue(g.networksOf("web").isEmpty(), "network_mode replaces networks");
    }

    @Test
    void missingDependencies() {
        assertEquals("service \"web\" depends on unknown service \"db\"", cycleError(project("p")
                .service(service("web").dependsOn("db"))));
        assertEquals("service \"db\" is required by \"web\" but is disabled. Can be enabled by profiles [debug]",
                cycleError(project("p").service(service("web").dependsOn("db"))
                        .disabled(service("db").profiles("debug"))));
        assertEquals("service \"vpn\" not found for network_mode 'service:vpn'", cycleError(project("p")
                .service(service("web").networkMode("service:vpn"))));
        ProjectGraph g = ProjectGraph.of(project("p")
                .service(service("web").dependsOn("db", DependsOn.STARTED, false, false)).build());
        assertTrue(g.dependencies("web").isEmpty(), "optional dependency on a missing service is dropped");
    }

    @Test
    void resourcesAreVerticesWithEdgesFromTheirServices() {
        ProjectGraph g = ProjectGraph.of(project("p")
                .network("front").network("back").volume("data").secret("token").config("conf")
                .service(service("web").networks("front", "back").volume("data", "/data").anonymousVolume("/tmp")
                        .bind("/srv", "/srv").secret("token").config("conf"))
                .build());
        assertEquals(Set.of("back", "front"), g.networksOf("web"));
        assertEquals(Set.of("data"), g.volumesOf("web"));
        assertEquals(Set.of("token"), g.secretsOf("web"));
        assertEquals(Set.of("conf"), g.configsOf("web"));
        assertEquals(Set.of("web"), g.servicesUsing(Vertex.volume("data")));
        assertTrue(g.graph().containsEdge(Vertex.service("web"), Vertex.network("front")));
        assertEquals(6, g.graph().vertexSet().size());
    }

    @Test
    void undefinedResourceIsAConfigError() {
        assertEquals("service \"web\" refers to undefined volume data", cycleError(project("p")
                .service(service("web").volume("data", "/data"))));
        assertEquals("service \"web\" refers to undefined network back", cycleError(project("p")
                .service(service("web").networks("back"))));
    }

    /** web → api → db, web → cache, worker → db. */
    private static ProjectGraph layered() {
        return ProjectGraph.of(project("p")
                .service(service("web").dependsOn("api", "cache"))
                .service(service("api").dependsOn("db"))
                .service(service("worker").dependsOn("db"))
                .service(service("db")).service(service("cache")).build());
    }

    @Test
    void startLevelsGroupWhatCanStartTogether() {
        assertEquals(List.of(List.of("cache", "db"), List.of("api", "worker"), List.of("web")),
                layered().startLevels());
    }

    @Test
    void stopLevelsPutDependentsFirst() {
        assertEquals(List.of(List.of("web", "worker"), List.of("api", "cache"), List.of("db")),
                layered().stopLevels());
    }

    @Test
    void sequentialOrdersTakeTheSmallestReadyName() {
        ProjectGraph g = layered();
        assertEquals(List.of("cache", "db", "api", "web", "worker"), g.startOrder());
        assertEquals(List.of("web", "api", "cache", "worker", "db"), g.stopOrder());
    }

    @Test
    void closures() {
        ProjectGraph g = layered();
        assertEquals(Set.of("web", "api", "cache", "db"), g.withDependencies(List.of("web")));
        assertEquals(Set.of("db", "api", "worker", "web"), g.withDependents(List.of("db")));
    }

    @Test
    void serviceGraphHoldsServicesOnly() {
        ProjectGraph g = ProjectGraph.of(project("p").volume("v").service(service("a").volume("v", "/v")
                .dependsOn("b")).service(service("b")).build());
        assertEquals(Set.of(Vertex.service("a"), Vertex.service("b")), g.serviceGraph().vertexSet());
        assertEquals("service:a", Vertex.service("a").toString());
    }
}
