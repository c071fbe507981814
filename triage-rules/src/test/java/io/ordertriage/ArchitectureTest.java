package io.ordertriage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The public surface is the entry point ({@code io.ordertriage}), the model and the facts rule
 * files use; Drools and the plumbing stay behind {@code io.ordertriage.internal}.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importLibrary() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ordertriage");
    }

    @Test
    void theModelDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("io.ordertriage.model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.ordertriage.model..", "java..")
                .check(classes);
    }

    @Test
    void onlyTheInternalPackageTouchesDrools() {
        noClasses().that().resideInAnyPackage("io.ordertriage", "io.ordertriage.model..", "io.ordertriage.facts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .check(classes);
    }

    @Test
    void publicMethodsOfTheEntryPointExposeNoInternalType() {
        methods().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("io.ordertriage")
                .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("a public API type",
                        t -> !t.getPackageName().startsWith("io.ordertriage.internal")
                                && !t.getPackageName().startsWith("org.drools") && !t.getPackageName().startsWith("org.kie")))
                .check(classes);
    }

    @Test
    void theLibraryNeverPrintsNorExits() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .check(classes);
    }
}
