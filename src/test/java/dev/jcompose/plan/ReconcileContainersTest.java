package dev.jcompose.plan;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static dev.jcompose.plan.Golden.assertPlan;
import static dev.jcompose.plan.Golden.assertRejected;
import static dev.jcompose.plan.Golden.opts;
import static dev.jcompose.plan.Golden.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jcompose.error.ComposeException.Kind;
import dev.jcompose.model.Project;
import dev.jcompose.state.ContainerState;
import dev.jcompose.state.Labels;
import org.junit.jupiter.api.Test;

/** Golden plans for one service's containers: recreate causes, starts, policies. */
class ReconcileContainersTest {
    private static final Project WEB = project("myapp").service(service("web")).build();

    private static Observed web() {
        return Observed.of(WEB).infra();
    }

    @Test
    void changedConfigRecreatesThroughATemporaryName() {
        Plan plan = up(WEB, web().container("web", 1, c -> c.hash("stale")).build());
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, config hash differs [recreate:web:1]
                [1] -> #2 service:web:1, STOP_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [3] -> #4 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4] -> #5 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, plan);
        Operation create = plan.node(1).operation();
        assertEquals("id-web-1", create.inheritFrom(), "anonymous volumes are inherited by default");
        assertEquals("web-1", create.labels().get(Labels.REPLACE));
        assertEquals("h-web:web:latest", create.labels().get(Labels.CONFIG_HASH));
        assertEquals(1, plan.node(4).operation().subjectNode());
        assertEquals("id-web-1", plan.node(3).operation().containerId());
    }

    @Test
    void exitedOutdatedContainerIsReplacedWithoutAStop() {
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, config hash differs [recreate:web:1]
                [1] -> #2 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [2] -> #3 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [3] -> #4 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(WEB, web().container("web", 1, c -> c.hash("stale").exited(0)).build()));
    }

    @Test
    void changedImageDigestRecreates() {
        String old = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        String current = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        Plan plan = up(WEB, web().container("web", 1, c -> c.digest(old)).build(),
                opts().imageDigest("web", current));
        assertEquals("[] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, image digest changed "
                + "(sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…) [recreate:web:1]", plan.toString().lines().findFirst()
                .orElseThrow());
        assertEquals(current, plan.node(1).operation().labels().get(Labels.IMAGE));
    }

    @Test
    void unresolvedImageDigestIsNotCompared() {
        assertPlan("", up(WEB, web().container("web", 1, c -> c.digest("sha256:aaaa")).build()));
    }

    @Test
    void runningContainerNotAttachedToItsNetworkIsRecreated() {
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, not attached to network myapp_default \
                [recreate:web:1]
                [1] -> #2 service:web:1, STOP_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [3] -> #4 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4] -> #5 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(WEB, web().container("web", 1, c -> c.detachedFrom("myapp_default")).build()));
    }

    @Test
    void containerWithoutItsNamedVolumeIsRecreated() {
        Project p = project("myapp").volume("data").service(service("db").volume("data", "/data")).build();
        Plan plan = up(p, Observed.of(p).infra().container("db", 1, c -> c.noMounts().exited(0)).build());
        assertPlan("""
                [] -> #1 service:db:1, CREATE_CONTAINER id-db-1_myapp-db-1, volume myapp_data not mounted \
                [recreate:db:1]
                [1] -> #2 service:db:1, REMOVE_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [2] -> #3 service:db:1, RENAME_CONTAINER myapp-db-1, finalize recreate [recreate:db:1]
                [3] -> #4 service:db:1, START_CONTAINER myapp-db-1, recreated
                """, plan);
    }

    @Test
    void networkToBeCreatedMeansExistingContainerIsRecreatedAfterIt() {
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [1] -> #2 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, not attached to network \
                myapp_default [recreate:web:1]
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #2 [recreate:web:1]
                [3] -> #4 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4] -> #5 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(WEB, Observed.of(WEB).container("web", 1, c -> c.exited(0)).build()));
    }

    @Test
    void stoppedUpToDateContainerIsStartedNotRecreated() {
        assertPlan("""
                [] -> #1 service:web:1, START_CONTAINER myapp-web-1, not running (exited with code 137)
                """, up(WEB, web().container("web", 1, c -> c.exited(137)).build()));
    }

    @Test
    void createdContainerIsStarted() {
        assertPlan("""
                [] -> #1 service:web:1, START_CONTAINER myapp-web-1, not running (created)
                """, up(WEB, web().container("web", 1, c -> c.state(ContainerState.CREATED)).build()));
    }

    @Test
    void pausedContainerIsUnpaused() {
        assertPlan("""
                [] -> #1 service:web:1, UNPAUSE_CONTAINER myapp-web-1, paused
                """, up(WEB, web().container("web", 1, c -> c.state(ContainerState.PAUSED)).build()));
    }

    @Test
    void deadContainerIsRecreated() {
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, container is dead [recreate:web:1]
                [1] -> #2 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [2] -> #3 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [3] -> #4 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(WEB, web().container("web", 1, c -> c.state(ContainerState.DEAD)).build()));
    }

    @Test
    void forceRecreateRecreatesUnchangedContainers() {
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, forced (--force-recreate) \
                [recreate:web:1]
                [1] -> #2 service:web:1, STOP_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [3] -> #4 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4] -> #5 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(WEB, web().running("web", 1).build(), opts().forceRecreate(true)));
    }

    @Test
    void noRecreateKeepsOutdatedContainersButStartsThem() {
        assertPlan("""
                [] -> #1 service:web:1, START_CONTAINER myapp-web-1, not running (exited with code 0)
                """, up(WEB, web().container("web", 1, c -> c.hash("stale").exited(0)).build(),
                opts().noRecreate(true)));
    }

    @Test
    void forceAndNoRecreateTogetherAreRejected() {
        assertRejected(Kind.USAGE, "--force-recreate and --no-recreate are incompatible", WEB, web().build(),
                opts().forceRecreate(true).noRecreate(true));
    }

    @Test
    void noStartCreatesWithoutStarting() {
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [1] -> #2 service:web:1, CREATE_CONTAINER myapp-web-1, no existing container
                """, up(WEB, Observed.of(WEB).build(), opts().noStart(true)));
        assertPlan("", up(WEB, web().container("web", 1, c -> c.exited(0)).build(), opts().noStart(true)));
    }

    @Test
    void renewAnonymousVolumesGivesTheReplacementFreshOnes() {
        Project p = project("myapp").service(service("cache").anonymousVolume("/cache")).build();
        Plan plan = up(p, Observed.of(p).infra().container("cache", 1, c -> c.hash("stale")).build(),
                opts().renewAnonVolumes(true));
        assertEquals("[] -> #1 service:cache:1, CREATE_CONTAINER id-cache-1_myapp-cache-1, config hash differs, "
                + "anonymous volumes renewed (-V) [recreate:cache:1]", plan.toString().lines().findFirst()
                .orElseThrow());
        assertNull(plan.node(1).operation().inheritFrom());
        assertEquals(false, plan.node(3).operation().removeVolumes(), "the old anonymous volume is not deleted");
    }

    @Test
    void unknownSelectedServiceIsAUsageError() {
        assertRejected(Kind.USAGE, "no such service: nope", WEB, web().build(), opts().services("nope"));
    }

    @Test
    void containerNameHeldByAnotherProjectIsRejectedBeforeAnything() {
        Project p = project("myapp").service(service("db").containerName("db")).build();
        assertRejected(Kind.CONFLICT, "container name \"db\" (service:db:1) is already in use by container f00ddb "
                + "of project \"other\". Remove or rename that container, or change container_name", p,
                Observed.of(p).foreign("db", "other").build(), opts());
    }

    @Test
    void customContainerNameIsUsed() {
        Project p = project("myapp").service(service("db").containerName("database")).build();
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [1] -> #2 service:db:1, CREATE_CONTAINER database, no existing container
                [2] -> #3 service:db:1, START_CONTAINER database, new container
                """, up(p, Observed.of(p).build()));
    }
}
