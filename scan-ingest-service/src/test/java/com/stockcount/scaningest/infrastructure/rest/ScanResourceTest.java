package com.stockcount.scaningest.infrastructure.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.scaningest.support.ObservationLog;
import com.stockcount.scaningest.support.SharedKafka;
import com.stockcount.testsupport.SharedInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SharedKafka.class)
class ScanResourceTest {

    @Test
    void goodScansArePublishedKeyedBySessionWithTheirDecodedProduct() {
        String session = UUID.randomUUID().toString();
        Instant before = Instant.now();

        given().contentType(ContentType.JSON).header("X-Correlation-Id", "corr-1")
                .body("""
                        {"deviceId":"hh-7","scans":[
                          {"code":"036000291452"},
                          {"code":"(01)09506000134352(10)LOT-7(21)ABC","scannedAt":"2025-06-15T10:00:00Z"},
                          {"code":"A-01-03","type":"bin"},
                          {"id":"sn-scan-1","code":"SN-0042","type":"serial"}]}""")
                .post("/sessions/{session}/scans", session)
                .then().statusCode(202)
                .body("accepted", equalTo(4))
                .body("rejected", hasSize(0));

        List<ScanObserved> observed = ObservationLog.observations(bootstrap(), session, 4);
        assertThat(observed)
                .extracting(ScanObserved::sessionId, ScanObserved::deviceId, ScanObserved::kind, ScanObserved::code,
                        ScanObserved::gtin, ScanObserved::lot, ScanObserved::serial)
                .containsExactly(
                        tuple(session, "hh-7", CodeKind.BARCODE, "036000291452", "00036000291452", null, null),
                        tuple(session, "hh-7", CodeKind.BARCODE, "(01)09506000134352(10)LOT-7(21)ABC", "09506000134352", "LOT-7", "ABC"),
                        tuple(session, "hh-7", CodeKind.BIN_LABEL, "A-01-03", null, null, null),
                        tuple(session, "hh-7", CodeKind.SERIAL, "SN-0042", null, null, null));
        assertThat(observed.get(0).observedAt()).isBetween(before, Instant.now());
        assertThat(observed.get(1).observedAt()).isEqualTo(Instant.parse("2025-06-15T10:00:00Z"));
        assertThat(observed.get(3).observationId()).isEqualTo("sn-scan-1");

        // one record per scan or one batch for all four (SinglePublishingTest, BatchedPublishingTest): either way keyed by session, with the caller's correlation id
        assertThat(ObservationLog.read(bootstrap(), session, 1)).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(session);
            assertThat(EventRecords.header(record, EventHeaders.SCHEMA_VERSION)).contains("1");
            assertThat(EventRecords.header(record, EventHeaders.CORRELATION_ID)).contains("corr-1");
        });
    }

    @Test
    void anEpcScanIsPublishedAsAnEpcObservationWithItsDecodedGtinAndSerial() {
        String session = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON)
                .body("""
                        {"deviceId":"sled-1","scans":[
                          {"code":"3674257BF6B7A659B2C2BF100000000000000000000000000000","type":"epc"},
                          {"code":"000000000000000000000000","type":"epc"}]}""")
                .post("/sessions/{session}/scans", session)
                .then().statusCode(202).body("accepted", equalTo(2));

        assertThat(ObservationLog.observations(bootstrap(), session, 2))
                .extracting(ScanObserved::kind, ScanObserved::gtin, ScanObserved::serial)
                .containsExactly(tuple(CodeKind.EPC, "70614141123451", "32a/b"), tuple(CodeKind.EPC, null, null));
    }

    @Test
    void aScanWithABadCheckDigitIsNamedAndTheOthersArePublished() {
        String session = UUID.randomUUID().toString();
        double rejectedBefore = counter("scan_ingest_scans_rejected_total{reason=\"INVALID_CHECK_DIGIT\"");

        given().contentType(ContentType.JSON)
                .body("""
                        {"deviceId":"hh-7","scans":[
                          {"code":"4006381333931"},
                          {"code":"4006381333932"},
                          {"code":"96385074"}]}""")
                .post("/sessions/{session}/scans", session)
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].code", equalTo("4006381333932"))
                .body("rejected[0].reason", equalTo("INVALID_CHECK_DIGIT"))
                .body("rejected[0].detail", containsString("should be 1"));

        assertThat(ObservationLog.observations(bootstrap(), session, 2))
                .extracting(ScanObserved::gtin)
                .containsExactly("04006381333931", "00000096385074");
        assertThat(counter("scan_ingest_scans_rejected_total{reason=\"INVALID_CHECK_DIGIT\"")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void aRawGs1DataMatrixScanWithGroupSeparatorsDecodes() {
        String session = UUID.randomUUID().toString();
        String raw = "]d20109506000134352" + "10L-42" + (char) 29 + "17261231" + "21SN-1";

        given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", "hh-7", "scans", List.of(Map.of("code", raw))))
                .post("/sessions/{session}/scans", session)
                .then().statusCode(202).body("accepted", equalTo(1));

        ScanObserved observed = ObservationLog.observations(bootstrap(), session, 1).get(0);
        assertThat(observed.code()).isEqualTo(raw);
        assertThat(observed.gtin()).isEqualTo("09506000134352");
        assertThat(observed.lot()).isEqualTo("L-42");
        assertThat(observed.serial()).isEqualTo("SN-1");
    }

    @Test
    void aFullBatchOf5000ScansIsStoredBeforeTheAnswer() {
        String session = UUID.randomUUID().toString();
        List<Map<String, String>> scans = java.util.stream.IntStream.range(0, 5000)
                .mapToObj(i -> Map.of("id", session + "-" + i, "code", i % 2 == 0 ? "4006381333931" : "036000291452"))
                .toList();

        given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", "hh-7", "scans", scans))
                .post("/sessions/{session}/scans", session)
                .then().statusCode(202).body("accepted", equalTo(5000));

        List<String> ids = ObservationLog.observations(bootstrap(), session, 5000).stream().map(ScanObserved::observationId).toList();
        assertThat(ids).hasSize(5000).doesNotHaveDuplicates().startsWith(session + "-0", session + "-1");
    }

    @Test
    void aBatchWithNoGoodScanIsA400ProblemListingEveryScan() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"deviceId":"hh-7","scans":[{"code":"4006381333932"},{"code":"(01)09506000134352(99)X"}]}""")
                .post("/sessions/{session}/scans", UUID.randomUUID().toString())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("accepted", equalTo(0))
                .body("rejected.reason", contains("INVALID_CHECK_DIGIT", "UNSUPPORTED_AI"));
    }

    @Test
    void aMissingDeviceIdIsA400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"scans":[{"code":"4006381333931"}]}""")
                .post("/sessions/s-1/scans")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("deviceId"));
    }

    @Test
    void anEmptyOrOversizedBatchIsA400NamingScans() {
        given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", "hh-7", "scans", List.of()))
                .post("/sessions/s-1/scans")
                .then().statusCode(400)
                .body("errors.field", contains("scans"));

        List<Map<String, String>> tooMany = java.util.Collections.nCopies(5001, Map.of("code", "4006381333931"));
        given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", "hh-7", "scans", tooMany))
                .post("/sessions/s-1/scans")
                .then().statusCode(400)
                .body("errors.field", contains("scans"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON)
                .body("{\"deviceId\":\"hh-7\",\"scans\":[{\"code\":")
                .post("/sessions/s-1/scans")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));

        given().contentType(ContentType.JSON)
                .body("{\"deviceId\":\"hh-7\",\"scans\":{\"code\":\"4006381333931\"}}")
                .post("/sessions/s-1/scans")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("scans"));
    }

    @Test
    void aRetriedBatchKeepsItsObservationIds() {
        String session = UUID.randomUUID().toString();
        String body = """
                {"deviceId":"hh-7","scans":[{"id":"beep-1","code":"4006381333931"},
                                            {"code":"4006381333931","scannedAt":"2025-06-15T10:00:00Z"},
                                            {"code":"036000291452","scannedAt":"2025-06-15T10:00:00Z"}]}""";

        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType(ContentType.JSON).body(body)
                    .post("/sessions/{session}/scans", session)
                    .then().statusCode(202).body("accepted", equalTo(3));
        }

        List<String> ids = ObservationLog.observations(bootstrap(), session, 6).stream().map(ScanObserved::observationId).toList();
        assertThat(ids).hasSize(6);
        assertThat(ids.subList(3, 6)).isEqualTo(ids.subList(0, 3));
        assertThat(ids.subList(0, 3)).doesNotHaveDuplicates();
    }

    @Test
    void theEndpointIsDescribedInOpenApi() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/sessions/{sessionId}/scans'.post.responses.keySet()", org.hamcrest.Matchers.hasItems("202", "400", "503"));
    }

    @Test
    void readinessIncludesTheBroker() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    private static String bootstrap() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }

    /** The value of a Prometheus sample whose line starts with {@code prefix}, or 0 when it is not there yet. */
    private static double counter(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
