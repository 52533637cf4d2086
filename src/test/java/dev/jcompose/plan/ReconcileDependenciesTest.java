package dev.jcompose.plan;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static dev.jcompose.plan.Golden.assertPlan;
import static dev.jcompose.plan.Golden.assertRejected;
import static dev.jcompose.plan.Golden.opts;
import static dev.jcompose.plan.Golden.up;

import dev.jcompose.error.ComposeException.Kind;
import dev.jcompose.model.DependsOn;
import dev.jcompose.model.Project;
import org.junit.jupiter.api.Test;

/** Golden plans across services: ordering, restart: true, shared namespaces, selection and --no-deps. */
class ReconcileDependenciesTest {
    private static Project webOnDb(boolean restart) {
        return project("myapp").service(service("web").dependsOn("db", DependsOn.HEALTHY, restart, true))
                .service(service("db")).build();
    }

    @Test
    void dependencyIsCreatedAndStartedBeforeItsDependent() {
        Project p = webOnDb(false);
        assertPlan("""
                [] -> #1 network:default, CREATE_NETWORK myapp_default, not found
                [1] -> #2 service:db:1, CREATE_CONTAINER myapp-db-1, no existing container
                [2] -> #3 service:db:1, START_CONTAINER myapp-db-1, new container
                [1,2] -> #4 service:web:1, CREATE_CONTAINER myapp-web-1, no existing container
                [3,4] -> #5 service:web:1, START_CONTAINER myapp-web-1, new container
                """, up(p, Observed.of(p).build()));
    }

    @Test
    void dependentWithRestartTrueIsRestartedAfterItsDependencyIsRecreated() {
        Project p = webOnDb(true);
        assertPlan("""
                [] -> #1 service:db:1, CREATE_CONTAINER id-db-1_myapp-db-1, config hash differs [recreate:db:1]
                [1] -> #2 service:db:1, STOP_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [2] -> #3 service:db:1, REMOVE_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [3] -> #4 service:db:1, RENAME_CONTAINER myapp-db-1, finalize recreate [recreate:db:1]
                [4] -> #5 service:db:1, START_CONTAINER myapp-db-1, recreated
                [5] -> #6 service:web:1, RESTART_CONTAINER myapp-web-1, dependency db recreated (restart: true)
                """, up(p, Observed.of(p).infra().container("db", 1, c -> c.hash("stale")).running("web", 1).build()));
    }

    @Test
    void dependentWithoutRestartIsLeftRunning() {
        Project p = webOnDb(false);
        assertPlan("""
                [] -> #1 service:db:1, CREATE_CONTAINER id-db-1_myapp-db-1, config hash differs [recreate:db:1]
                [1] -> #2 service:db:1, STOP_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [2] -> #3 service:db:1, REMOVE_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [3] -> #4 service:db:1, RENAME_CONTAINER myapp-db-1, finalize recreate [recreate:db:1]
                [4] -> #5 service:db:1, START_CONTAINER myapp-db-1, recreated
                """, up(p, Observed.of(p).infra().container("db", 1, c -> c.hash("stale")).running("web", 1).build()));
    }

    @Test
    void networkNamespaceChildIsRecreatedWithItsParent() {
        Project p = project("myapp").service(service("vpn"))
                .service(service("app").networkMode("service:vpn")).build();
        assertPlan("""
                [] -> #1 service:vpn:1, CREATE_CONTAINER id-vpn-1_myapp-vpn-1, config hash differs [recreate:vpn:1]
                [1] -> #2 service:vpn:1, STOP_CONTAINER myapp-vpn-1, replaced by #1 [recreate:vpn:1]
                [2] -> #3 service:vpn:1, REMOVE_CONTAINER myapp-vpn-1, replaced by #1 [recreate:vpn:1]
                [3] -> #4 service:vpn:1, RENAME_CONTAINER myapp-vpn-1, finalize recreate [recreate:vpn:1]
                [4] -> #5 service:vpn:1, START_CONTAINER myapp-vpn-1, recreated
                [4] -> #6 service:app:1, CREATE_CONTAINER id-app-1_myapp-app-1, parent vpn recreated \
                (network_mode: service:vpn) [recreate:app:1]
                [6] -> #7 service:app:1, STOP_CONTAINER myapp-app-1, replaced by #6 [recreate:app:1]
                [7] -> #8 service:app:1, REMOVE_CONTAINER myapp-app-1, replaced by #6 [recreate:app:1]
                [8] -> #9 service:app:1, RENAME_CONTAINER myapp-app-1, finalize recreate [recreate:app:1]
                [5,9] -> #10 service:app:1, START_CONTAINER myapp-app-1, recreated
                """, up(p, Observed.of(p).infra().container("vpn", 1, c -> c.hash("stale")).running("app", 1)
                .build()));
    }

    @Test
    void volumesFromChildIsRecreatedWithItsParent() {
        Project p = project("myapp").service(service("data")).service(service("app").volumesFrom("data:ro"))
                .build();
        assertPlan("""
                [] -> #1 service:data:1, CREATE_CONTAINER id-data-1_myapp-data-1, config hash differs \
                [recreate:data:1]
                [1] -> #2 service:data:1, REMOVE_CONTAINER myapp-data-1, replaced by #1 [recreate:data:1]
                [2] -> #3 service:data:1, RENAME_CONTAINER myapp-data-1, finalize recreate [recreate:data:1]
                [3] -> #4 service:app:1, CREATE_CONTAINER id-app-1_myapp-app-1, parent data recreated \
                (volumes_from: data:ro) [recreate:app:1]
                [4] -> #5 service:app:1, STOP_CONTAINER myapp-app-1, replaced by #4 [recreate:app:1]
                [5] -> #6 service:app:1, REMOVE_CONTAINER myapp-app-1, replaced by #4 [recreate:app:1]
                [6] -> #7 service:app:1, RENAME_CONTAINER myapp-app-1, finalize recreate [recreate:app:1]
                """, up(p, Observed.of(p).infra().container("data", 1, c -> c.hash("stale").exited(0))
                .running("app", 1).build(), opts().noStart(true)));
    }

    private static final Project THREE = project("myapp")
            .service(service("web").dependsOn("db")).service(service("db")).service(service("worker")).build();

    private static Observed allStale() {
        return Observed.of(THREE).infra().container("web", 1, c -> c.hash("stale"))
                .container("db", 1, c -> c.hash("stale").exited(0)).container("worker", 1, c -> c.hash("stale"));
    }

    @Test
    void selectedServiceBringsItsDependenciesButNotOtherServices() {
        assertPlan("""
                [] -> #1 service:db:1, CREATE_CONTAINER id-db-1_myapp-db-1, config hash differs [recreate:db:1]
                [1] -> #2 service:db:1, REMOVE_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [2] -> #3 service:db:1, RENAME_CONTAINER myapp-db-1, finalize recreate [recreate:db:1]
                [3] -> #4 service:db:1, START_CONTAINER myapp-db-1, recreated
                [3] -> #5 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, config hash differs [recreate:web:1]
                [5] -> #6 service:web:1, STOP_CONTAINER myapp-web-1, replaced by #5 [recreate:web:1]
                [6] -> #7 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #5 [recreate:web:1]
                [7] -> #8 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4,8] -> #9 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(THREE, allStale().build(), opts().services("web")));
    }

    @Test
    void noDepsTouchesOnlyTheSelectedService() {
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, config hash differs [recreate:web:1]
                [1] -> #2 service:web:1, STOP_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [3] -> #4 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4] -> #5 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(THREE, allStale().build(), opts().services("web").noDeps(true)));
    }

    private static Observed upToDate() {
        return Observed.of(THREE).infra().running("web", 1).running("db", 1).running("worker", 1);
    }

    @Test
    void forceRecreateAppliesToSelectedServicesOnly() {
        assertPlan("""
                [] -> #1 service:web:1, CREATE_CONTAINER id-web-1_myapp-web-1, forced (--force-recreate) \
                [recreate:web:1]
                [1] -> #2 service:web:1, STOP_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [2] -> #3 service:web:1, REMOVE_CONTAINER myapp-web-1, replaced by #1 [recreate:web:1]
                [3] -> #4 service:web:1, RENAME_CONTAINER myapp-web-1, finalize recreate [recreate:web:1]
                [4] -> #5 service:web:1, START_CONTAINER myapp-web-1, recreated
                """, up(THREE, upToDate().build(), opts().services("web").forceRecreate(true)));
    }

    @Test
    void alwaysRecreateDepsRecreatesTheDependencies() {
        assertPlan("""
                [] -> #1 service:db:1, CREATE_CONTAINER id-db-1_myapp-db-1, forced (--always-recreate-deps) \
                [recreate:db:1]
                [1] -> #2 service:db:1, STOP_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [2] -> #3 service:db:1, REMOVE_CONTAINER myapp-db-1, replaced by #1 [recreate:db:1]
                [3] -> #4 service:db:1, RENAME_CONTAINER myapp-db-1, finalize recreate [recreate:db:1]
                [4] -> #5 service:db:1, START_CONTAINER myapp-db-1, recreated
                """, up(THREE, upToDate().build(), opts().services("web").alwaysRecreateDeps(true)));
    }

    @Test
    void scaleDownOfADependencyIsOrderedBeforeItsDependentsCreate() {
        Project p = project("myapp").service(service("web").dependsOn("db")).service(service("db").scale(0))
                .build();
        assertPlan("""
                [] -> #1 service:db:1, STOP_CONTAINER myapp-db-1, scale 1→0
                [1] -> #2 service:db:1, REMOVE_CONTAINER myapp-db-1, scale 1→0
                [2] -> #3 service:web:1, CREATE_CONTAINER myapp-web-1, no existing container
                [2,3] -> #4 service:web:1, START_CONTAINER myapp-web-1, new container
                """, up(p, Observed.of(p).infra().running("db", 1).build()));
    }

    @Test
    void cycleIsRejectedBeforePlanning() {
        Project p = project("myapp").service(service("a").dependsOn("b")).service(service("b").dependsOn("a"))
                .build();
        assertRejected(Kind.CONFIG, "dependency cycle detected: a -> b -> a", p, Observed.of(p).build(), opts());
    }
}
