package dev.jcompose.plan;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static dev.jcompose.plan.Golden.assertPlan;
import static dev.jcompose.plan.Golden.assertRejected;
import static dev.jcompose.plan.Golden.opts;
import static dev.jcompose.plan.Golden.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException.Kind;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.state.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden plans for networks and volumes. */
class ReconcileInfraTest {
    private static final Project WEB = project("myapp").service(service("web")).build();

    @Test
    void newProjectCreatesNetworkThenContainerThenStartsIt() {
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [1] -> #2 service:web:1, CREATE_CONTAINER myapp-web-1, no existing container
                [2] -> #3 service:web:1, START_CONTAINER myapp-web-1, new container
                """, up(WEB, Observed.of(WEB).build()));
    }

    @Test
    void upToDateProjectHasAnEmptyPlan() {
        Plan plan = up(WEB, Observed.of(WEB).infra().running("web", 1).build());
        assertPlan("", plan);
        assertTrue(plan.isEmpty());
    }

    @Test
    void declaredButUnusedNetworksAndVolumesAreNotCreated() {
        Project p = project("myapp").network("extra").volume("spare").service(service("web")).build();
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [1] -> #2 service:web:1, CREATE_CONTAINER myapp-web-1, no existing container
                [2] -> #3 service:web:1, START_CONTAINER myapp-web-1, new container
                """, up(p, Observed.of(p).build()));
    }

    @Test
    void namedVolumeIsCreatedBeforeTheContainerMountingIt() {
        Project p = project("myapp").volume("data").service(service("db").volume("data", "/var/lib/db")).build();
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [] -> #2 volume:data, CREATE_VOLUME myapp_data, not found
                [1,2] -> #3 service:db:1, CREATE_CONTAINER myapp-db-1, no existing container
                [3] -> #4 service:db:1, START_CONTAINER myapp-db-1, new container
                """, up(p, Observed.of(p).build()));
    }

    @Test
    void externalNetworkAndVolumeAreUsedNeverCreated() {
        Project p = project("myapp").externalNetwork("shared", "corp-net").externalVolume("backup", "corp-backup")
                .service(service("web").networks("shared").volume("backup", "/backup")).build();
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER myapp-web-1, no existing container
                [1] -> #2 service:web:1, START_CONTAINER myapp-web-1, new container
                """, up(p, Observed.of(p).plainNetwork("corp-net", Map.of())
                .plainVolume("corp-backup", Map.of()).build()));
    }

    @Test
    void missingExternalNetworkIsAnErrorNamingIt() {
        Project p = project("myapp").externalNetwork("shared", "corp-net").service(service("web").networks("shared"))
                .build();
        assertRejected(Kind.NOT_FOUND, "network corp-net declared as external, but could not be found", p,
                Observed.of(p).build(), opts());
    }

    @Test
    void missingExternalVolumeIsAnErrorNamingIt() {
        Project p = project("myapp").externalVolume("backup", "corp-backup")
                .service(service("web").volume("backup", "/backup")).build();
        assertRejected(Kind.NOT_FOUND, "external volume \"corp-backup\" not found", p, Observed.of(p).network("default")
                .build(), opts());
    }

    @Test
    void divergedNetworkIsRecreatedAndItsContainersReconnected() {
        Project p = project("myapp").service(service("web")).build();
        assertPlan("""
                [] -> #1 service:web:1, STOP_CONTAINER myapp-web-1, network default config changed
                [1] -> #2 service:web:1, DISCONNECT_NETWORK myapp_default, network default recreate
                [2] -> #3 network:default, REMOVE_NETWORK myapp_default, config hash diverged
                [3] -> #4 network:default, CREATE_NETWORK myapp_default, recreate after config change
                [4] -> #5 service:web:1, CONNECT_NETWORK myapp_default, network default recreate
                [5] -> #6 service:web:1, START_CONTAINER myapp-web-1, stopped to reconnect a recreated network
                """, up(p, Observed.of(p).network("default", "myapp_default", "old-hash").running("web", 1).build()));
    }

    @Test
    void divergedNetworkAndChangedContainerReconnectBeforeTheOldContainerGoes() {
        Project p = project("myapp").service(service("web")).build();
        assertPlan("""
                [] -> #1 service:web:1, STOP_CONTAINER myapp-web-1, network default config changed
                [1] -> #2 service:web:1, DISCONNECT_NETWORK myapp_default, network default recreate
                [2] -> #3 network:default, REMOVE_NETWORK myapp_default, config hash diverged
                [3] -> #4 network:default, CREATE_NETWORK myapp_default, recreate after config change
                [4] -> #5 service:web:1, CONNECT_NETWORK myapp_default, network default recreate
                [4] -> #6 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, config hash differs [recreate:web:1]
                [1,5,6] -> #7 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #6 [recreate:web:1]
                [7] -> #8 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [8] -> #9 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(p, Observed.of(p).network("default", "myapp_default", "old-hash")
                .container("web", 1, c -> c.hash("stale")).build()));
    }

    @Test
    void renamedNetworkIsCreatedIndependentlyAndTheOldOneRemovedBestEffort() {
        Network renamed = new Network("default", "myapp_net_v2", null, null, null, null, false, false, null, false,
                null);
        Project p = project("myapp").network(renamed).service(service("web")).build();
        Plan plan = up(p, Observed.of(p).network("default", "myapp_default", "nh-default:null")
                .container("web", 1, c -> c.networks.put("myapp_net_v2", "net-default")).build());
        assertPlan("""
                [] -> #1 service:web:1, STOP_CONTAINER myapp-web-1, network default config changed
                [1] -> #2 service:web:1, DISCONNECT_NETWORK myapp_default, network default recreate
                [2] -> #3 network:default, REMOVE_NETWORK myapp_default, renamed (best-effort cleanup)
                [] -> #4 network:default, CREATE_NETWORK myapp_net_v2, renamed
                [2,4] -> #5 service:web:1, CONNECT_NETWORK myapp_net_v2, network default recreate
                [5] -> #6 service:web:1, START_CONTAINER myapp-web-1, stopped to reconnect a recreated network
                """, plan);
        assertTrue(plan.node(3).operation().bestEffort());
    }

    @Test
    void networkWithoutRecordedHashIsReusedUntouched() {
        assertPlan("", up(WEB, Observed.of(WEB).network("default", "myapp_default", "").running("web", 1).build()));
    }

    @Test
    void networkCreatedByHandIsReusedWithAWarning() {
        assertPlan("""
                warning: a network with name myapp_default exists but was not created by compose. \
                Set `external: true` to use an existing network
                """, up(WEB, Observed.of(WEB).plainNetwork("myapp_default", Map.of())
                .container("web", 1, c -> c.networks.put("myapp_default", "net-myapp_default")).build()));
    }

    @Test
    void networkNameHeldByAnotherComposeNetworkOfTheProjectIsAConflict() {
        assertRejected(Kind.CONFLICT, "network myapp_default was found but has incorrect label "
                + "com.docker.compose.network set to \"front\" (expected: \"default\")", WEB,
                Observed.of(WEB).plainNetwork("myapp_default", Map.of(Labels.PROJECT, "myapp", Labels.NETWORK, "front"))
                        .build(), opts());
    }

    private static final Project DB = project("myapp").volume("data")
            .service(service("db").volume("data", "/var/lib/db")).build();

    @Test
    void divergedVolumeIsKeptWithAWarningUnlessConfirmed() {
        List<String> asked = new ArrayList<>();
        Plan plan = up(DB, Observed.of(DB).network("default").volume("data", "myapp_data", "old-hash")
                .running("db", 1).build(), opts().confirmVolumeRecreate(q -> asked.add(q) && false));
        assertPlan("""
                warning: volume "myapp_data" exists but doesn't match configuration in compose file; \
                it is kept as is (recreating it would lose its data)
                """, plan);
        assertEquals(List.of("Volume \"myapp_data\" exists but doesn't match configuration in compose file. "
                + "Recreate (data will be lost)?"), asked);
    }

    @Test
    void confirmedDivergedVolumeRemovesItsContainersFirst() {
        assertPlan("""
                [] -> #1 service:db:1, STOP_CONTAINER myapp-db-1, mounted volume config changed
                [1] -> #2 service:db:1, REMOVE_CONTAINER myapp-db-1, mounted volume config changed
                [2] -> #3 volume:data, REMOVE_VOLUME myapp_data, config hash diverged
                [3] -> #4 volume:data, CREATE_VOLUME myapp_data, recreate after config change
                [4] -> #5 service:db:1, CREATE_CONTAINER myapp-db-1, no existing container
                [5] -> #6 service:db:1, START_CONTAINER myapp-db-1, new container
                """, up(DB, Observed.of(DB).network("default").volume("data", "myapp_data", "old-hash")
                .running("db", 1).build(), opts().confirmVolumeRecreate(q -> true)));
    }

    @Test
    void volumeOfAnotherProjectIsReusedWithAWarning() {
        assertPlan("""
                warning: volume "myapp_data" already exists but was created for project "other" (expected "myapp"). \
                Use `external: true` to use an existing volume
                """, up(DB, Observed.of(DB).network("default")
                .plainVolume("myapp_data", Map.of(Labels.PROJECT, "other", Labels.VOLUME, "data"))
                .running("db", 1).build()));
    }

    @Test
    void volumeRecreationAlsoRecreatesUnselectedServicesMountingIt() {
        Project p = project("myapp").volume("data").service(service("db").volume("data", "/data"))
                .service(service("backup").volume("data", "/data")).build();
        assertPlan("""
                [] -> #1 service:backup:1, REMOVE_CONTAINER myapp-backup-1, mounted volume config changed
                [] -> #2 service:db:1, STOP_CONTAINER myapp-db-1, mounted volume config changed
                [2] -> #3 service:db:1, REMOVE_CONTAINER myapp-db-1, mounted volume config changed
                [1,3] -> #4 volume:data, REMOVE_VOLUME myapp_data, config hash diverged
                [4] -> #5 volume:data, CREATE_VOLUME myapp_data, recreate after config change
                [5] -> #6 service:backup:1, CREATE_CONTAINER myapp-backup-1, no existing container
                [6] -> #7 service:backup:1, START_CONTAINER myapp-backup-1, new container
                [5] -> #8 service:db:1, CREATE_CONTAINER myapp-db-1, no existing container
                [8] -> #9 service:db:1, START_CONTAINER myapp-db-1, new container
                """, up(p, Observed.of(p).network("default").volume("data", "myapp_data", "old-hash")
                .running("db", 1).container("backup", 1, c -> c.exited(0)).build(),
                opts().services("db").confirmVolumeRecreate(q -> true)));
    }
}
