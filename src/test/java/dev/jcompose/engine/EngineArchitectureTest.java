package dev.jcompose.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-java stays an implementation detail of engine.docker; the SPI and the fake never see it. */
class EngineArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jcompose");
    }

    @Test
    void onlyEngineDockerUsesDockerJava() {
        noClasses().that().resideOutsideOfPackage("dev.jcompose.engine.docker..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
                .check(classes);
    }

    @Test
    void theSpiAndTheFakeDoNotReachIntoTheAdapter() {
        noClasses().that().resideInAnyPackage("dev.jcompose.engine", "dev.jcompose.engine.fake..",
                        "dev.jcompose.engine.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jcompose.engine.docker..")
                .check(classes);
    }

    @Test
    void theWireFormatKnowsOnlyTheSpi() {
        noClasses().that().resideInAPackage("dev.jcompose.engine.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jcompose.engine.fake..",
                        "dev.jcompose.model..", "dev.jcompose.load..")
                .check(classes);
    }
}
