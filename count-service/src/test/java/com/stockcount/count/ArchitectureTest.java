package com.stockcount.count;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain decides; transport and storage stay outside it. */
@AnalyzeClasses(packages = "com.stockcount.count", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfTransportAndStorage = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta.ws.rs..", "org.apache.kafka..", "com.fasterxml.jackson..", "java.sql..", "javax.sql..",
                    "jakarta.persistence..", "io.quarkus..", "com.stockcount.platform..",
                    "com.stockcount.count.infrastructure..");

    @ArchTest
    static final ArchRule domainDoesNotReachIntoTheApplication = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("com.stockcount.count.counts",
                    "com.stockcount.count.sessions", "com.stockcount.count.scans", "com.stockcount.count.publishing");
}
