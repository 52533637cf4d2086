package dev.jcompose.plan;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static dev.jcompose.plan.Golden.assertPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Project;
import dev.jcompose.state.ContainerState;
import dev.jcompose.state.Labels;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden plans for `down`. */
class DownPlanTest {
    private static final Project APP = project("myapp").volume("data").externalVolume("backup", "corp-backup")
            .externalNetwork("corp", "corp-net")
            .service(service("web").dependsOn("db").networks("default", "corp"))
            .service(service("db").volume("data", "/data").volume("backup", "/backup"))
            .service(service("builder").image(null)).build();

    private static Observed running() {
        return Observed.of(APP).network("default").volume("data").plainNetwork("corp-net", Map.of())
                .plainVolume("corp-backup", Map.of()).running("web", 1).running("db", 1)
                .container("builder", 1, c -> c.exited(0));
    }

    private static Plan down(Observed o, DownOptions options) {
        return Reconciler.down(APP, o.build(), options);
    }

    @Test
    void downRemovesDependentsFirstThenTheProjectNetwork() {
        assertPlan("""
                [] -> #1 service:builder:1, REMOVE_CONTAINER myapp-builder-1, project down
                [] -> #2 service:web:1, STOP_CONTAINER myapp-web-1, project down
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, project down
                [3] -> #4 service:db:1, STOP_CONTAINER myapp-db-1, project down
                [4] -> #5 service:db:1, REMOVE_CONTAINER myapp-db-1, project down
                [1,3,5] -> #6 network:default, REMOVE_NETWORK myapp_default, project down
                """, down(running(), DownOptions.defaults()));
    }

    @Test
    void downVolumesRemovesProjectVolumesNeverExternalOnes() {
        Plan plan = down(running(), new DownOptions(false, true, null));
        assertPlan("""
                [] -> #1 service:builder:1, REMOVE_CONTAINER myapp-builder-1, project down
                [] -> #2 service:web:1, STOP_CONTAINER myapp-web-1, project down
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, project down
                [3] -> #4 service:db:1, STOP_CONTAINER myapp-db-1, project down
                [4] -> #5 service:db:1, REMOVE_CONTAINER myapp-db-1, project down
                [1,3,5] -> #6 network:default, REMOVE_NETWORK myapp_default, project down
                [1,3,5] -> #7 volume:data, REMOVE_VOLUME myapp_data, down -v
                """, plan);
        assertTrue(plan.node(5).operation().removeVolumes(), "anonymous volumes go with -v");
    }

    @Test
    void downVolumesKeepsAVolumeThisProjectDidNotCreate() {
        Observed o = Observed.of(APP).plainVolume("myapp_data", Map.of());
        assertPlan("""
                warning: volume "myapp_data" was not created by project "myapp": kept
                warning: No resource found to remove for project "myapp".
                """, down(o, new DownOptions(false, true, null)));
    }

    @Test
    void downRemoveOrphansAlsoRemovesOrphansAndOneOffs() {
        Observed o = Observed.of(APP).network("default").running("db", 1)
                .oneOff("db", "0123456789ab", ContainerState.RUNNING).orphan("old", 1, ContainerState.RUNNING);
        assertPlan("""
                [] -> #1 service:db:1, STOP_CONTAINER myapp-db-1, project down
                [1] -> #2 service:db:1, REMOVE_CONTAINER myapp-db-1, project down
                [] -> #3 container:myapp-db-run-0123456789ab, STOP_CONTAINER myapp-db-run-0123456789ab, project down
                [3] -> #4 container:myapp-db-run-0123456789ab, REMOVE_CONTAINER myapp-db-run-0123456789ab, \
                project down
                [] -> #5 service:old:1, STOP_CONTAINER myapp-old-1, orphan (service 'old' not in the project)
                [5] -> #6 service:old:1, REMOVE_CONTAINER myapp-old-1, orphan (service 'old' not in the project)
                [2,4,6] -> #7 network:default, REMOVE_NETWORK myapp_default, project down
                """, down(o, new DownOptions(true, false, null)));
    }

    @Test
    void downWithoutRemoveOrphansLeavesOneOffsAndOrphans() {
        Observed o = Observed.of(APP).oneOff("db", "0123456789ab", ContainerState.RUNNING)
                .orphan("old", 1, ContainerState.RUNNING);
        assertPlan("""
                warning: No resource found to remove for project "myapp".
                """, down(o, DownOptions.defaults()));
    }

    @Test
    void downRmiRemovesImagesAfterContainers() {
        Observed o = Observed.of(APP).container("builder", 1, c -> c.exited(0));
        assertPlan("""
                [] -> #1 service:builder:1, REMOVE_CONTAINER myapp-builder-1, project down
                [1] -> #2 image:myapp-builder, REMOVE_IMAGE myapp-builder, --rmi local
                """, down(o, new DownOptions(false, false, "local")));
        assertPlan("""
                [] -> #1 service:builder:1, REMOVE_CONTAINER myapp-builder-1, project down
                [1] -> #2 image:db:latest, REMOVE_IMAGE db:latest, --rmi all
                [1] -> #3 image:myapp-builder, REMOVE_IMAGE myapp-builder, --rmi all
                [1] -> #4 image:web:latest, REMOVE_IMAGE web:latest, --rmi all
                """, down(o, new DownOptions(false, false, "all")));
    }

    @Test
    void badRmiValueIsAUsageError() {
        ComposeException e = assertThrows(ComposeException.class, () -> new DownOptions(false, false, "some"));
        assertEquals(ComposeException.Kind.USAGE, e.kind());
    }

    @Test
    void networkOfAnotherProjectIsNotRemoved() {
        Observed o = Observed.of(APP).plainNetwork("myapp_default", Map.of(Labels.PROJECT, "other",
                Labels.NETWORK, "default"));
        assertPlan("""
                warning: No resource found to remove for project "myapp".
                """, down(o, DownOptions.defaults()));
    }
}
