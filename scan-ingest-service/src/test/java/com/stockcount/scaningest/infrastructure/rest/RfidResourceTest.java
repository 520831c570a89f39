package com.stockcount.scaningest.infrastructure.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.scaningest.rfid.Epc;
import com.stockcount.scaningest.scan.ObservationIds;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SharedKafka.class)
class RfidResourceTest {

    private static final String TAG_1 = Epc.encodeSgtin96(1, "0614141", "812345", "1");
    private static final String TAG_2 = Epc.encodeSgtin96(1, "0614141", "812345", "2");
    private static final String FOREIGN = "E2801160600002054CC2096F";

    @Test
    void aBoundPortalCountsEachTagOnceOnTheBinOfItsAntennaAndAcknowledgesOtherEvents() {
        String reader = "portal-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        registerReader(reader);
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session))
                .put("/readers/{r}/session", reader).then().statusCode(200).body("sessionId", equalTo(session));

        String stream = impinj(TAG_1, 1) + "\n" + impinj(TAG_1, 2) + "\n" + impinj(TAG_2, 2) + "\n" + impinj(FOREIGN, 9) + "\n"
                + "{\"timestamp\":\"2025-06-15T10:00:00Z\",\"antennaDisconnectedEvent\":{\"antennaPort\":3}}\n"
                + "{\"timestamp\":\"2025-06-15T10:00:00Z\",\"tagInventoryEvent\":{\"epcHex\":\"xyz\"}}\n";
        given().contentType("application/x-ndjson").body(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/readers/{r}/impinj", reader)
                .then().statusCode(202)
                .body("counted", equalTo(true))
                .body("sessionId", equalTo(session))
                .body("reads", equalTo(4))
                .body("published", equalTo(3))
                .body("duplicates", equalTo(1))
                .body("undecodable", equalTo(1))
                .body("otherEvents.antennaDisconnected", equalTo(1))
                .body("rejected.reason", contains("INVALID_EPC"))
                .body("rejected[0].index", equalTo(5));
        // the same tags again, from the Zebra side of the portal: nothing new
        given().contentType(ContentType.JSON).body("[" + zebra(TAG_1) + "," + zebra(TAG_2) + "]")
                .post("/readers/{r}/zebra", reader)
                .then().statusCode(202).body("published", equalTo(0)).body("duplicates", equalTo(2));

        List<ScanObserved> observed = ObservationLog.observations(bootstrap(), session, 3);
        assertThat(observed).extracting(ScanObserved::observationId, ScanObserved::kind, ScanObserved::code,
                        ScanObserved::gtin, ScanObserved::serial, ScanObserved::bin, ScanObserved::deviceId)
                .containsExactly(
                        tuple(ObservationIds.ofEpc(session, TAG_1), CodeKind.EPC, TAG_1, "80614141123458", "1", "A-01", reader),
                        tuple(ObservationIds.ofEpc(session, TAG_2), CodeKind.EPC, TAG_2, "80614141123458", "2", "A-02", reader),
                        tuple(ObservationIds.ofEpc(session, FOREIGN), CodeKind.EPC, FOREIGN, null, null, "DS-01", reader));
        assertThat(observed.get(0).observedAt()).isEqualTo(Instant.parse("2025-06-15T10:00:00.123456789Z"));
        assertThat(metric("rfid_tags_undecodable_total{reader=\"" + reader + "\"")).isEqualTo(1.0);
    }

    @Test
    void anUnboundReaderIsMeasuredButNotCountedAndStoppingEndsCounting() {
        String reader = "portal-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        registerReader(reader);
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session)).put("/readers/{r}/session", reader)
                .then().statusCode(200);
        given().delete("/readers/{r}/session", reader).then().statusCode(204);
        given().get("/readers/{r}", reader).then().statusCode(200).body("sessionId", nullValue());

        given().contentType(ContentType.JSON).body(zebra(TAG_1))
                .post("/readers/{r}/zebra", reader)
                .then().statusCode(202).body("counted", equalTo(false)).body("reads", equalTo(1)).body("published", equalTo(0));
        given().contentType(ContentType.JSON).body(zebra(TAG_1)).post("/readers/{r}/zebra", "never-registered")
                .then().statusCode(202).body("counted", equalTo(false));

        assertThat(metric("rfid_reads_unbound_total{reader=\"" + reader + "\"")).isEqualTo(1.0);
        assertThat(ObservationLog.read(bootstrap(), session, 0)).isEmpty();
    }

    @Test
    void aBoundHandheldCountsItsEpcsOnceAndItsBarcodes() {
        String device = "sled-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(Map.of("site", "STORE-001")).put("/devices/{d}", device).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session)).put("/devices/{d}/session", device)
                .then().statusCode(200);

        given().contentType(ContentType.JSON)
                .body(Map.of("readAt", "2025-06-15T13:00:00+0300", "epcs", List.of(TAG_1, TAG_1.toLowerCase(), "nope"),
                        "barcodes", List.of("4006381333931", "4006381333932")))
                .post("/devices/{d}/reads", device)
                .then().statusCode(202)
                .body("published", equalTo(1)).body("duplicates", equalTo(1)).body("barcodes", equalTo(1))
                .body("rejected.reason", contains("INVALID_EPC", "INVALID_CHECK_DIGIT"));

        assertThat(ObservationLog.observations(bootstrap(), session, 2))
                .extracting(ScanObserved::kind, ScanObserved::gtin, ScanObserved::observedAt)
                .containsExactlyInAnyOrder(tuple(CodeKind.EPC, "80614141123458", Instant.parse("2025-06-15T10:00:00Z")),
                        tuple(CodeKind.BARCODE, "04006381333931", Instant.parse("2025-06-15T10:00:00Z")));
    }

    @Test
    void aTagReadThousandsOfTimesInOneBodyIsOneObservation() {
        String reader = "portal-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        registerReader(reader);
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session)).put("/readers/{r}/session", reader);
        String body = IntStream.range(0, 5000).mapToObj(i -> impinj(i % 2 == 0 ? TAG_1 : TAG_2, 1 + i % 4))
                .collect(Collectors.joining(",", "[", "]"));

        given().contentType(ContentType.JSON).body(body).post("/readers/{r}/impinj", reader)
                .then().statusCode(202).body("reads", equalTo(5000)).body("published", equalTo(2)).body("duplicates", equalTo(4998));

        assertThat(ObservationLog.observations(bootstrap(), session, 2)).extracting(ScanObserved::observationId)
                .doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void malformedBodiesAreA400SayingWhy() {
        given().contentType(ContentType.JSON).body("[{\"timestamp\":").post("/readers/r-1/impinj")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        given().contentType(ContentType.JSON).body("").post("/readers/r-1/zebra")
                .then().statusCode(400).body("detail", containsString("empty"));
        given().contentType(ContentType.JSON).body("{\"type\":\"SIMPLE\",\"timestamp\":\"x\",\"data\":{\"idHex\":\"01\"}}")
                .post("/readers/r-1/zebra")
                .then().statusCode(400).body("rejected[0].reason", equalTo("INVALID_TIMESTAMP"))
                .body("rejected[0].detail", containsString("timestamp"));
        given().contentType(ContentType.JSON).body(Map.of("bin", "A")).put("/readers/r-1")
                .then().statusCode(400).body("errors.field", hasItems("site"));
        given().contentType(ContentType.JSON).body(Map.of("sessionId", "s")).put("/readers/{r}/session", "unknown-" + UUID.randomUUID())
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("epcs", List.of())).post("/devices/d-1/reads")
                .then().statusCode(400).body("errors.field", contains("epcs"));
    }

    @Test
    void readersArePagedAndDescribedInOpenApi() {
        String prefix = "page-" + UUID.randomUUID() + "-";
        registerReader(prefix + "a");
        registerReader(prefix + "b");
        given().queryParam("after", prefix).queryParam("limit", 1).get("/readers")
                .then().statusCode(200).body("items[0].id", equalTo(prefix + "a")).body("next", equalTo(prefix + "a"))
                .body("items[0].antennas.bin", contains("A-01", "A-02"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/readers/{readerId}/impinj", "/readers/{readerId}/zebra",
                        "/devices/{deviceId}/reads", "/readers/{readerId}/session", "/readers"));
    }

    private static void registerReader(String reader) {
        given().contentType(ContentType.JSON)
                .body(Map.of("site", "STORE-001", "bin", "DS-01",
                        "antennas", List.of(Map.of("port", 1, "bin", "A-01"), Map.of("port", 2, "bin", "A-02"))))
                .put("/readers/{r}", reader).then().statusCode(200).body("kind", equalTo("READER"));
    }

    private static String impinj(String epc, int antenna) {
        return "{\"timestamp\":\"2025-06-15T10:00:00.2Z\",\"hostname\":\"impinj-14-0b-2c\",\"eventType\":\"tagInventory\","
                + "\"tagInventoryEvent\":{\"epcHex\":\"" + epc + "\",\"antennaPort\":" + antenna
                + ",\"peakRssiCdbm\":-5400,\"lastSeenTime\":\"2025-06-15T10:00:00.123456789Z\"}}";
    }

    private static String zebra(String epc) {
        return "{\"type\":\"SIMPLE\",\"timestamp\":\"2025-06-15T13:00:00.482+0300\",\"data\":{\"eventNum\":1,\"format\":\"epc\",\"idHex\":\""
                + epc.toLowerCase() + "\",\"antenna\":1,\"peakRssi\":-56,\"reads\":3}}";
    }

    private static double metric(String prefix) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String bootstrap() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }
}
