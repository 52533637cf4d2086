package dev.jcompose;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency arrows of docs/architecture.md, enforced. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jcompose");
    }

    @Test
    void modelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.jcompose.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jcompose.load..", "dev.jcompose.cli..",
                        "dev.jcompose.app..", "dev.jcompose.graph..", "dev.jcompose.state..", "dev.jcompose.plan..",
                        "dev.jcompose.exec..", "dev.jcompose.engine..", "dev.jcompose.runtime..")
                .check(classes);
    }

    @Test
    void onlyCliPrintsOrExits() {
        noClasses().that().resideOutsideOfPackages("dev.jcompose.cli..", "dev.jcompose.runtime..")
                .should().accessField(System.class, "out")
                .orShould().callMethod(System.class, "exit", int.class)
                .check(classes);
    }

    @Test
    void runtimeKnowsNothingOfCompose() {
        noClasses().that().resideInAPackage("dev.jcompose.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jcompose.model..", "dev.jcompose.load..",
                        "dev.jcompose.plan..", "dev.jcompose.graph..", "dev.jcompose.exec..", "dev.jcompose.state..",
                        "dev.jcompose.cli..", "dev.jcompose.app..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.jcompose.load..", "dev.jcompose.graph..", "dev.jcompose.state..",
                        "dev.jcompose.plan..", "dev.jcompose.exec..", "dev.jcompose.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jcompose.cli..", "dev.jcompose.app..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.jcompose.plan..", "dev.jcompose.graph..", "dev.jcompose.state..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jcompose.engine..", "dev.jcompose.exec..",
                        "dev.jcompose.load..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void loaderPhasesHaveNoCycles() {
        slices().matching("dev.jcompose.(*)..").should().beFreeOfCycles().check(classes);
    }
}
