package com.stockcount.count;

import static com.stockcount.count.support.Api.anonymous;
import static com.stockcount.count.support.Api.as;
import static com.stockcount.count.support.Api.associate;
import static com.stockcount.count.support.Api.given;
import static com.stockcount.count.support.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens, permissions, sites and locks over HTTP: for each action a caller who may and one who may not. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class SecurityFlowTest {

    private static final String ANN = associate("ann", "STORE-S");
    private static final String BOB = associate("bob", "STORE-S");
    private static final String ELSEWHERE = associate("eve", "STORE-1");
    private static final String ADMIN = token("admin", List.of("STORE-S"), "COMMON_ADMIN");

    @BeforeAll
    static void inventory() {
        Inventory.site("STORE-S", List.of(InventoryStub.quant("s1", "SKU-S1", "S-01", 5, "00000000000301")));
    }

    private static String newSession(Instant plannedStart) {
        return given().contentType("application/json")
                .body(Map.of("site", "STORE-S", "name", "Shelf S-01", "type", "HARD", "bin", "S-01",
                        "plannedStart", plannedStart.toString()))
                .post("/counts").then().statusCode(201).extract().jsonPath().getString("sessions[0].id");
    }

    @Test
    void withoutATokenOnlyHealthMetricsAndOpenApiAnswer() {
        anonymous().get("/counts").then().statusCode(401)
                .body("status", equalTo(401)).body("detail", equalTo("a bearer token is required"));
        anonymous().get("/sessions/any").then().statusCode(401);
        anonymous().header("Authorization", "Bearer not-a-jwt").get("/counts").then().statusCode(401)
                .body("status", equalTo(401));
        anonymous().get("/q/health/live").then().statusCode(200);
        anonymous().get("/q/openapi").then().statusCode(200);
        anonymous().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void onlyACountPlannerCreatesCountsAndOnlyAtTheirSites() {
        Map<String, String> count = Map.of("site", "STORE-S", "name", "x", "type", "HARD", "bin", "S-01");
        as(ANN).contentType("application/json").body(count).post("/counts").then().statusCode(403)
                .body("detail", startsWith("this needs one of the permissions"));
        as(token("carl", List.of("STORE-1"), "create:stock-count")).contentType("application/json").body(count)
                .post("/counts").then().statusCode(403).body("detail", equalTo("site STORE-S is not one of your sites"));
        as(token("carl", List.of("STORE-S"), "create:stock-count")).contentType("application/json").body(count)
                .post("/counts").then().statusCode(201);
    }

    @Test
    void aCountOfAnotherSiteDoesNotExistForTheCaller() {
        String session = newSession(Instant.now());
        String countId = given().get("/sessions/" + session).then().extract().jsonPath().getString("countId");
        as(ANN).get("/counts/" + countId).then().statusCode(200);
        as(ELSEWHERE).get("/counts/" + countId).then().statusCode(404);
        as(ELSEWHERE).get("/sessions/" + session).then().statusCode(404);
        as(ELSEWHERE).get("/sessions/" + session + "/lines").then().statusCode(404);
        as(ELSEWHERE).post("/sessions/" + session + "/start").then().statusCode(404);
        as(ELSEWHERE).queryParam("site", "STORE-S").get("/counts").then().statusCode(403);
        List<String> listed = as(ELSEWHERE).get("/counts").then().statusCode(200).extract().jsonPath().getList("items.site");
        assertThat(listed).doesNotContain("STORE-S");
        as(token("viewer", List.of("STORE-S"), "INV_COUNT_PRE_START")).get("/sessions/" + session).then().statusCode(403);
    }

    @Test
    void startingBeforeThePlannedStartNeedsThePreStartPermission() {
        String session = newSession(Instant.now().plusSeconds(86_400));
        as(ANN).post("/sessions/" + session + "/start").then().statusCode(409)
                .body("detail", startsWith("counting starts at"));
        as(token("lead", List.of("STORE-S"), "FULFILL_INVCUNT_ADMIN", "INV_COUNT_PRE_START"))
                .post("/sessions/" + session + "/start").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void oneUserWorksASessionAtATimeAndOnlyAnAdministratorForcesTheLockOpen() {
        String session = newSession(Instant.now());
        as(ANN).post("/sessions/" + session + "/start").then().statusCode(200);
        as(ANN).contentType("application/json").post("/sessions/" + session + "/lock").then().statusCode(200)
                .body("lock.holder", equalTo("ann"));

        as(BOB).contentType("application/json").body(Map.of("countedQuantity", 3))
                .put("/sessions/" + session + "/lines/1").then().statusCode(409)
                .body("detail", startsWith("session is locked by ann until"));
        as(BOB).post("/sessions/" + session + "/complete").then().statusCode(409);
        as(BOB).contentType("application/json").post("/sessions/" + session + "/lock").then().statusCode(409);
        as(BOB).delete("/sessions/" + session + "/lock").then().statusCode(409);
        as(BOB).post("/sessions/" + session + "/lock/force-release").then().statusCode(403);
        as(ANN).contentType("application/json").body(Map.of("countedQuantity", 3))
                .put("/sessions/" + session + "/lines/1").then().statusCode(200);

        as(ADMIN).post("/sessions/" + session + "/lock/force-release").then().statusCode(200)
                .body("lock", equalTo(null));
        as(BOB).contentType("application/json").body(Map.of("deviceId", "HH-9")).post("/sessions/" + session + "/lock")
                .then().statusCode(200).body("lock.holder", equalTo("device:HH-9"));
        // the device's own calls name it; the same user without the device is someone else
        as(BOB).contentType("application/json").body(Map.of("countedQuantity", 4))
                .put("/sessions/" + session + "/lines/1").then().statusCode(409);
        as(BOB).header("X-Device-Id", "HH-9").contentType("application/json").body(Map.of("countedQuantity", 4))
                .put("/sessions/" + session + "/lines/1").then().statusCode(200);
        as(BOB).header("X-Device-Id", "HH-9").delete("/sessions/" + session + "/lock").then().statusCode(200)
                .body("lock", equalTo(null));
    }

    @Test
    void scanningEndpointsNeedTheWorkPermissionAndTheSite() {
        String session = newSession(Instant.now());
        String viewer = token("viewer", List.of("STORE-S"), "create:stock-count");
        as(ANN).post("/sessions/" + session + "/start").then().statusCode(200);
        Map<String, Object> handCount = Map.of("items", List.of(Map.of("sku", "SKU-S1", "quantity", 2)));
        as(viewer).contentType("application/json").body(handCount).post("/sessions/" + session + "/hand-counts")
                .then().statusCode(403);
        as(ELSEWHERE).contentType("application/json").body(handCount).post("/sessions/" + session + "/hand-counts")
                .then().statusCode(404);
        as(ANN).contentType("application/json").body(handCount).post("/sessions/" + session + "/hand-counts")
                .then().statusCode(200).body("totals.unitsCounted", equalTo(2));
        as(viewer).get("/sessions/" + session + "/scans").then().statusCode(200);
        as(ELSEWHERE).get("/sessions/" + session + "/scans").then().statusCode(404);
        as(viewer).delete("/sessions/" + session + "/scans/any").then().statusCode(403);
        as(ANN).delete("/sessions/" + session + "/scans/any").then().statusCode(404);
        as(viewer).contentType("application/json").body(Map.of("reason", "x"))
                .post("/sessions/" + session + "/scans/any/dismiss").then().statusCode(403);
        as(viewer).contentType("application/json").body(Map.of("sku", "SKU-S1"))
                .post("/sessions/" + session + "/scans/any/match").then().statusCode(403);
        as(ANN).contentType("application/json").body(Map.of("items", List.of(Map.of("sku", "NOPE", "quantity", 1))))
                .post("/sessions/" + session + "/hand-counts").then().statusCode(400)
                .body("errors[0].field", equalTo("items[0].sku"));
        as(viewer).contentType("application/json").body(Map.of("name", "x"))
                .post("/counts/" + as(ANN).get("/sessions/" + session).then().extract().jsonPath().getString("countId")
                        + "/sessions").then().statusCode(403);
    }
}
