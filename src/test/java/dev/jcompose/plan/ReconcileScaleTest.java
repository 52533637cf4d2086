package dev.jcompose.plan;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static dev.jcompose.plan.Golden.assertPlan;
import static dev.jcompose.plan.Golden.assertRejected;
import static dev.jcompose.plan.Golden.opts;
import static dev.jcompose.plan.Golden.up;

import dev.jcompose.error.ComposeException.Kind;
import dev.jcompose.model.Project;
import dev.jcompose.state.ContainerState;
import org.junit.jupiter.api.Test;

/** Golden plans for replicas: scale up and down, obsolete first, duplicates left by interrupted recreates. */
class ReconcileScaleTest {
    private static final Project WEB = project("myapp").service(service("web")).build();

    private static Observed web(int... numbers) {
        Observed o = Observed.of(WEB).infra();
        for (int n : numbers) {
            o.running("web", n);
        }
        return o;
    }

    @Test
    void scaleUpAddsReplicasAfterTheHighestNumber() {
        assertPlan("""
                [] -> #1 service:web:2, CREATE_CONTAINER myapp-web-2, no existing container
                [1] -> #2 service:web:2, START_CONTAINER myapp-web-2, new container
                [] -> #3 service:web:3, CREATE_CONTAINER myapp-web-3, no existing container
                [3] -> #4 service:web:3, START_CONTAINER myapp-web-3, new container
                """, up(WEB, web(1).build(), opts().scale("web", 3)));
    }

    @Test
    void scaleUpDoesNotFillGaps() {
        assertPlan("""
                [] -> #1 service:web:4, CREATE_CONTAINER myapp-web-4, no existing container
                [1] -> #2 service:web:4, START_CONTAINER myapp-web-4, new container
                """, up(WEB, web(1, 3).build(), opts().scale("web", 3)));
    }

    @Test
    void scaleFromTheFileIsUsed() {
        Project p = project("myapp").service(service("worker").scale(2)).build();
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [1] -> #2 service:worker:1, CREATE_CONTAINER myapp-worker-1, no existing container
                [2] -> #3 service:worker:1, START_CONTAINER myapp-worker-1, new container
                [1] -> #4 service:worker:2, CREATE_CONTAINER myapp-worker-2, no existing container
                [4] -> #5 service:worker:2, START_CONTAINER myapp-worker-2, new container
                """, up(p, Observed.of(p).build()));
    }

    @Test
    void scaleDownRemovesHighestNumbersFirst() {
        assertPlan("""
                [] -> #1 service:web:3, STOP_CONTAINER myapp-web-3, scale 3→1
                [1] -> #2 service:web:3, REMOVE_CONTAINER myapp-web-3, scale 3→1
                [] -> #3 service:web:2, STOP_CONTAINER myapp-web-2, scale 3→1
                [3] -> #4 service:web:2, REMOVE_CONTAINER myapp-web-2, scale 3→1
                """, up(WEB, web(1, 2, 3).build()));
    }

    @Test
    void scaleDownRemovesObsoleteReplicasFirst() {
        Observed o = Observed.of(WEB).infra().running("web", 1).container("web", 2, c -> c.hash("stale"))
                .running("web", 3);
        assertPlan("""
                [] -> #1 service:web:2, STOP_CONTAINER myapp-web-2, scale 3→2: obsolete first (config hash differs)
                [1] -> #2 service:web:2, REMOVE_CONTAINER myapp-web-2, scale 3→2: obsolete first (config hash differs)
                """, up(WEB, o.build(), opts().scale("web", 2)));
    }

    @Test
    void scaleDownOfObsoleteReplicasKeepsAndRecreatesTheLowest() {
        Observed o = Observed.of(WEB).infra().container("web", 1, c -> c.hash("stale"))
                .container("web", 2, c -> c.hash("stale").exited(0));
        assertPlan("""
                [] -> #1 service:web:2, REMOVE_CONTAINER myapp-web-2, scale 2→1: obsolete first (config hash differs)
                [] -> #2 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, config hash differs [recreate:web:1]
                [2] -> #3 service:web:1, STOP_CONTAINER myapp-web-1, replaced by #2 [recreate:web:1]
                [3] -> #4 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #2 [recreate:web:1]
                [4] -> #5 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [5] -> #6 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(WEB, o.build()));
    }

    @Test
    void scaleToZeroRemovesEverything() {
        assertPlan("""
                [] -> #1 service:web:2, STOP_CONTAINER myapp-web-2, scale 2→0
                [1] -> #2 service:web:2, REMOVE_CONTAINER myapp-web-2, scale 2→0
                [] -> #3 service:web:1, STOP_CONTAINER myapp-web-1, scale 2→0
                [3] -> #4 service:web:1, REMOVE_CONTAINER myapp-web-1, scale 2→0
                """, up(WEB, web(1, 2).build(), opts().scale("web", 0)));
    }

    @Test
    void containerNameWithSeveralReplicasIsRejected() {
        Project p = project("myapp").service(service("db").containerName("database")).build();
        assertRejected(Kind.CONFIG, "WARNING: The \"db\" service is using the custom container name \"database\". "
                + "Docker requires each container to have a unique name. Remove the custom name to scale the service",
                p, Observed.of(p).build(), opts().scale("db", 2));
    }

    @Test
    void interruptedRecreateConvergesToOneCorrectlyNamedReplica() {
        // The old replica still holds the name; the replacement was created under its temporary name.
        Observed o = Observed.of(WEB).infra().container("web", 1, c -> c.hash("stale"))
                .container("web", 1, c -> c.id("new-web-1").name("id-web-1_myapp-web-1")
                        .state(ContainerState.CREATED).created("2026-01-02T00:00:00Z"));
        assertPlan("""
                [] -> #1 service:web:1, STOP_CONTAINER myapp-web-1, duplicate of replica #1 (left by an interrupted \
                recreate)
                [1] -> #2 service:web:1, REMOVE_CONTAINER myapp-web-1, duplicate of replica #1 (left by an \
                interrupted recreate)
                [2] -> #3 service:web:1, RENAME_CONTAINER myapp-web-1, named id-web-1_myapp-web-1 by an interrupted \
                recreate
                [3] -> #4 service:web:1, START_CONTAINER myapp-web-1, not running (created)
                """, up(WEB, o.build()));
    }

    @Test
    void twoUpToDateReplicasWithOneNumberKeepTheNewest() {
        Observed o = Observed.of(WEB).infra().running("web", 1)
                .container("web", 1, c -> c.id("later").name("later_myapp-web-1").created("2026-02-01T00:00:00Z"));
        assertPlan("""
                [] -> #1 service:web:1, STOP_CONTAINER myapp-web-1, duplicate of replica #1 (left by an interrupted \
                recreate)
                [1] -> #2 service:web:1, REMOVE_CONTAINER myapp-web-1, duplicate of replica #1 (left by an \
                interrupted recreate)
                [2] -> #3 service:web:1, RENAME_CONTAINER myapp-web-1, named later_myapp-web-1 by an interrupted \
                recreate
                """, up(WEB, o.build()));
    }

    @Test
    void replicaWithoutANumberLabelIsRemoved() {
        Observed o = web(1).container("web", 2, c -> c.labels.remove(dev.jcompose.state.Labels.CONTAINER_NUMBER));
        assertPlan("""
                [] -> #1 container:myapp-web-2, STOP_CONTAINER myapp-web-2, replica without a \
                com.docker.compose.container-number label
                [1] -> #2 container:myapp-web-2, REMOVE_CONTAINER myapp-web-2, replica without a \
                com.docker.compose.container-number label
                """, up(WEB, o.build()));
    }

    @Test
    void interruptedRecreateOfAnOutdatedReplicaRenamesOnlyOnceTheNameIsFree() {
        Observed o = Observed.of(WEB).infra().container("web", 1, c -> c.hash("stale").exited(0))
                .container("web", 1, c -> c.id("tmp").name("id-web-1_myapp-web-1").hash("stale")
                        .state(ContainerState.CREATED).created("2026-01-02T00:00:00Z"));
        assertPlan("""
                [] -> #1 service:web:1, REMOVE_CONTAINER myapp-web-1, duplicate of replica #1 (left by an \
                interrupted recreate)
                [] -> #2 service:web:1, CREATE_CONTAINER tmp_myapp-web-1, config hash differs [recreate:web:1]
                [2] -> #3 service:web:1, REMOVE_CONTAINER id-web-1_myapp-web-1, replaced by #2 [recreate:web:1]
                [1,3] -> #4 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4] -> #5 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(WEB, o.build()));
    }
}
