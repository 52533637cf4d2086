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

/** Golden plans for orphans: warned about, removed only when asked, profile-disabled services excluded. */
class ReconcileOrphansTest {
    private static final Project WEB = project("myapp").service(service("web"))
            .disabled(service("debug").profiles("debug")).build();

    private static Observed withOrphans() {
        return Observed.of(WEB).infra().running("web", 1).orphan("old", 1, ContainerState.RUNNING)
                .orphan("old", 2, ContainerState.EXITED);
    }

    @Test
    void orphansAreReportedNotTouched() {
        assertPlan("""
                warning: Found orphan containers (myapp-old-1, myapp-old-2) for this project. If you removed or \
                renamed this service in your compose file, you can run this command with the --remove-orphans flag \
                to clean it up.
                """, up(WEB, withOrphans().build()));
    }

    @Test
    void removeOrphansStopsAndRemovesThem() {
        assertPlan("""
                [] -> #1 service:old:1, STOP_CONTAINER myapp-old-1, orphan (service 'old' not in the project)
                [1] -> #2 service:old:1, REMOVE_CONTAINER myapp-old-1, orphan (service 'old' not in the project)
                [] -> #3 service:old:2, REMOVE_CONTAINER myapp-old-2, orphan (service 'old' not in the project)
                """, up(WEB, withOrphans().build(), opts().removeOrphans(true)));
    }

    @Test
    void ignoreOrphansSilencesTheWarning() {
        assertPlan("", up(WEB, withOrphans().build(), opts().ignoreOrphans(true)));
    }

    @Test
    void containersOfProfileDisabledServicesAreNotOrphans() {
        assertPlan("", up(WEB, Observed.of(WEB).infra().running("web", 1).running("debug", 1).build(),
                opts().removeOrphans(true)));
    }

    @Test
    void exitedOneOffContainersAreOrphansRunningOnesAreNot() {
        assertPlan("""
                [] -> #1 container:myapp-web-run-0123456789ab, REMOVE_CONTAINER myapp-web-run-0123456789ab, orphan \
                (exited one-off container)
                """, up(WEB, Observed.of(WEB).infra().running("web", 1)
                .oneOff("web", "0123456789ab", ContainerState.EXITED)
                .oneOff("web", "ba9876543210", ContainerState.RUNNING).build(), opts().removeOrphans(true)));
    }

    private static final Project RENAMED = project("myapp").service(service("database").containerName("db"))
            .build();

    @Test
    void newContainerWaitsForTheOrphanHoldingItsName() {
        Observed o = Observed.of(RENAMED).infra();
        o.container("db", 1, c -> c.name("db"));
        assertPlan("""
                [] -> #1 service:db:1, STOP_CONTAINER db, orphan (service 'db' not in the project)
                [1] -> #2 service:db:1, REMOVE_CONTAINER db, orphan (service 'db' not in the project)
                [2] -> #3 service:database:1, CREATE_CONTAINER db, no existing container
                [3] -> #4 service:database:1, START_CONTAINER db, new container
                """, up(RENAMED, o.build(), opts().removeOrphans(true)));
    }

    @Test
    void orphanHoldingTheNameWithoutRemoveOrphansIsAConflict() {
        Observed o = Observed.of(RENAMED).infra();
        o.container("db", 1, c -> c.name("db"));
        assertRejected(Kind.CONFLICT, "container name \"db\" (service:database:1) is held by an orphan container "
                + "(service 'db' not in the project). Run with --remove-orphans to remove it", RENAMED, o.build(),
                opts());
    }
}
