package com.stockcount.scaningest.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.scaningest.barcode.BarcodeDecoder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanIntakeTest {

    private static final Instant RECEIVED = Instant.parse("2025-06-15T12:00:00Z");
    private final ScanIntake intake = new ScanIntake(new BarcodeDecoder(Clock.systemUTC()));

    @Test
    void aBadScanIsRefusedAloneAndTheOthersAreObserved() {
        IntakeResult result = intake.intake("s-1", "hh-7", List.of(
                scan("4006381333931"),
                scan("4006381333932"),
                scan("(01)09506000134352(21)ABC")), RECEIVED);

        assertThat(result.accepted()).extracting(ScanObserved::code, ScanObserved::gtin, ScanObserved::serial)
                .containsExactly(tuple("4006381333931", "04006381333931", null),
                        tuple("(01)09506000134352(21)ABC", "09506000134352", "ABC"));
        assertThat(result.rejected()).extracting(Rejection::index, Rejection::code, Rejection::reason)
                .containsExactly(tuple(1, "4006381333932", "INVALID_CHECK_DIGIT"));
    }

    @Test
    void binLabelsAndSerialsKeepTheirCodeAndAreNotDecoded() {
        IntakeResult result = intake.intake("s-1", "hh-7", List.of(
                new ScanInput(null, "A-01-03", "bin", null),
                new ScanInput(null, "SN-0042", "SERIAL", null)), RECEIVED);

        assertThat(result.accepted()).extracting(ScanObserved::kind, ScanObserved::code, ScanObserved::gtin)
                .containsExactly(tuple(CodeKind.BIN_LABEL, "A-01-03", null), tuple(CodeKind.SERIAL, "SN-0042", null));
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void eachMalformedScanFieldIsNamedInItsReason() {
        IntakeResult result = intake.intake("s-1", "hh-7", List.of(
                new ScanInput(null, " ", null, null),
                new ScanInput(null, "4006381333931", "rfid", null),
                new ScanInput(null, "4006381333931", null, "yesterday"),
                new ScanInput("a", "4006381333931", null, null),
                new ScanInput("a", "036000291452", null, null),
                new ScanInput("", "036000291452", null, null),
                new ScanInput(null, "1".repeat(ScanIntake.MAX_CODE_LENGTH + 1), null, null)), RECEIVED);

        assertThat(result.accepted()).extracting(ScanObserved::observationId).containsExactly("a");
        assertThat(result.rejected()).extracting(Rejection::index, Rejection::reason).containsExactly(
                tuple(0, "BLANK_CODE"), tuple(1, "UNKNOWN_TYPE"), tuple(2, "INVALID_SCANNED_AT"),
                tuple(4, "DUPLICATE_ID"), tuple(5, "INVALID_ID"), tuple(6, "CODE_TOO_LONG"));
    }

    @Test
    void aScanWithoutTimeWasObservedWhenReceivedAndOneWithTimeWhenScanned() {
        IntakeResult result = intake.intake("s-1", "hh-7", List.of(
                scan("4006381333931"),
                new ScanInput(null, "4006381333931", null, "2025-06-15T11:59:00+02:00")), RECEIVED);

        assertThat(result.accepted()).extracting(ScanObserved::observedAt)
                .containsExactly(RECEIVED, Instant.parse("2025-06-15T09:59:00Z"));
    }

    @Test
    void theClientsIdIsTheObservationId() {
        IntakeResult result = intake.intake("s-1", "hh-7", List.of(new ScanInput("scan-77", "4006381333931", null, null)), RECEIVED);

        assertThat(result.accepted()).extracting(ScanObserved::observationId).containsExactly("scan-77");
    }

    @Test
    void derivedIdsAreTheSameWhenTheSameTimedBatchIsSentAgainLater() {
        List<ScanInput> batch = List.of(new ScanInput(null, "4006381333931", null, "2025-06-15T10:00:00Z"),
                new ScanInput(null, "4006381333931", null, "2025-06-15T10:00:00Z"),
                new ScanInput(null, "036000291452", null, "2025-06-15T10:00:01Z"));

        List<String> first = ids(intake.intake("s-1", "hh-7", batch, RECEIVED));
        List<String> retry = ids(intake.intake("s-1", "hh-7", batch, RECEIVED.plusSeconds(30)));

        assertThat(retry).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void twoBatchesOfOneUntimedScanOfTheSameCodeAreTwoObservations() {
        // a handheld sending each beep on its own, without id or time: both beeps must count
        List<String> first = ids(intake.intake("s-1", "hh-7", List.of(scan("4006381333931")), RECEIVED));
        List<String> second = ids(intake.intake("s-1", "hh-7", List.of(scan("4006381333931")), RECEIVED));

        assertThat(first).doesNotContainAnyElementsOf(second);
    }

    @Test
    void derivedIdsDifferForAnotherSessionDeviceTimeOrCode() {
        String base = ObservationIds.derive("s-1", "hh-7", "2025-06-15T10:00:00Z", 0, "4006381333931");

        assertThat(List.of(
                ObservationIds.derive("s-2", "hh-7", "2025-06-15T10:00:00Z", 0, "4006381333931"),
                ObservationIds.derive("s-1", "hh-8", "2025-06-15T10:00:00Z", 0, "4006381333931"),
                ObservationIds.derive("s-1", "hh-7", "2025-06-15T10:00:01Z", 0, "4006381333931"),
                ObservationIds.derive("s-1", "hh-7", "2025-06-15T10:00:00Z", 1, "4006381333931"),
                ObservationIds.derive("s-1", "hh-7", "2025-06-15T10:00:00Z", 0, "036000291452"),
                ObservationIds.derive("s-1h", "h-7", "2025-06-15T10:00:00Z", 0, "4006381333931")))
                .doesNotContain(base)
                .doesNotHaveDuplicates();
    }

    @Test
    void anEpcScanDecodesToItsGtinAndSerialAndIsNamedBySessionAndTagAlone() {
        IntakeResult result = intake.intake("s-1", "sled-1", List.of(
                new ScanInput(null, "3074257bf7194e4000001a85", "epc", null),
                new ScanInput("own-id", "3074257BF7194E4000001A85", "EPC", "2025-06-15T10:00:00Z"),
                new ScanInput(null, "E2801160600002054CC2096F", "epc", null),
                new ScanInput(null, "not-a-tag", "epc", null)), RECEIVED);

        assertThat(result.accepted()).extracting(ScanObserved::kind, ScanObserved::code, ScanObserved::gtin, ScanObserved::serial)
                .containsExactly(tuple(CodeKind.EPC, "3074257BF7194E4000001A85", "80614141123458", "6789"),
                        tuple(CodeKind.EPC, "3074257BF7194E4000001A85", "80614141123458", "6789"),
                        tuple(CodeKind.EPC, "E2801160600002054CC2096F", null, null));
        // the same tag read twice is one observation, whatever id or time the device attached
        assertThat(ids(result).get(0)).isEqualTo(ids(result).get(1))
                .isEqualTo(ObservationIds.ofEpc("s-1", "3074257BF7194E4000001A85"));
        assertThat(result.rejected()).extracting(Rejection::index, Rejection::reason).containsExactly(tuple(3, "INVALID_EPC"));
    }

    @Test
    void theSameTagInAnotherSessionIsAnotherObservation() {
        assertThat(ObservationIds.ofEpc("s-1", "3074257BF7194E4000001A85"))
                .isNotEqualTo(ObservationIds.ofEpc("s-2", "3074257BF7194E4000001A85"))
                .isNotEqualTo(ObservationIds.ofEpc("s-1", "3074257BF7194E4000001A86"));
    }

    private static List<String> ids(IntakeResult result) {
        return result.accepted().stream().map(ScanObserved::observationId).toList();
    }

    private static ScanInput scan(String code) {
        return new ScanInput(null, code, null, null);
    }
}
