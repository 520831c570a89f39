package com.stockcount.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The feature packages hold the model and its rules; HTTP and Kafka stay in infrastructure. */
@AnalyzeClasses(packages = "com.stockcount.inventory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {"com.stockcount.inventory.site..", "com.stockcount.inventory.product..",
            "com.stockcount.inventory.stock..", "com.stockcount.inventory.adjustment.."};

    @ArchTest
    static final ArchRule featuresAreFreeOfJaxRsKafkaAndJackson = noClasses().that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..",
                    "com.fasterxml.jackson..", "org.jboss.resteasy..")
            .because("the domain must not depend on transport or serialization");

    @ArchTest
    static final ArchRule featuresDoNotReachIntoInfrastructure = noClasses().that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAPackage("com.stockcount.inventory.infrastructure..");
}
