package com.stockcount.reconciliation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The feature packages hold the business rules; Kafka, HTTP and JSON stay in infrastructure. */
class ArchitectureTest {

    private static final String[] DOMAIN = {
            "com.stockcount.reconciliation.session..",
            "com.stockcount.reconciliation.adjustment..",
            "com.stockcount.reconciliation.report.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.stockcount.reconciliation");

    @Test
    void domainIsFreeOfTransportAndSerialization() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.ws.rs..", "org.apache.kafka..", "com.fasterxml.jackson..",
                        "com.stockcount.platform.kafka..", "com.stockcount.platform.json..")
                .check(classes);
    }

    @Test
    void domainDoesNotReachIntoInfrastructure() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAPackage("com.stockcount.reconciliation.infrastructure..")
                .check(classes);
    }

    @Test
    void theRulesSeeTheDomainClasses() {
        // guards the two rules above against passing vacuously after a package rename
        org.assertj.core.api.Assertions.assertThat(classes.stream()
                        .filter(c -> c.getPackageName().startsWith("com.stockcount.reconciliation.session")))
                .isNotEmpty();
    }
}
