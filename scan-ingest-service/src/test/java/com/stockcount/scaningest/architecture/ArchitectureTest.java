package com.stockcount.scaningest.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.stockcount.scaningest");

    @Test
    void theDomainKnowsNoHttpKafkaOrJson() {
        noClasses().that().resideInAnyPackage("..scaningest.barcode..", "..scaningest.scan..", "..scaningest.rfid..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.ws.rs..", "org.jboss.resteasy..", "org.apache.kafka..", "com.fasterxml.jackson..",
                        "com.stockcount.platform..", "..scaningest.infrastructure..")
                .check(CLASSES);
    }

    @Test
    void barcodeDecodingIsPureJava() {
        classes().that().resideInAPackage("..scaningest.barcode..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..scaningest.barcode..")
                .check(CLASSES);
    }

    @Test
    void epcDecodingIsPureJavaOnTopOfGs1Arithmetic() {
        classes().that().resideInAPackage("..scaningest.rfid..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..scaningest.rfid..", "..scaningest.barcode..")
                .check(CLASSES);
    }
}
