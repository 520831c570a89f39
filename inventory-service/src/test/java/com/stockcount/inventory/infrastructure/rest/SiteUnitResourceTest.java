package com.stockcount.inventory.infrastructure.rest;

import static com.stockcount.inventory.Fixtures.post;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.inventory.Fixtures;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expected units of a whole count scope in one paged list: what a session snapshot reads instead of one call per quant. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class SiteUnitResourceTest {

    @Test
    void theUnitsOfEveryQuantInScopeComePagedWithTheirQuantAndEpc() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Backstock");
        String other = Fixtures.bin(site, "Sales floor");
        String serial = Fixtures.product("SERIAL");
        String rfid = Fixtures.product("RFID");
        String serialQuant = post("/sites/" + site + "/receipts", Map.of("sku", serial, "bin", bin,
                "serials", List.of("SN2", "SN1", "SN3"))).statusCode(201).extract().path("quant.id");
        String rfidQuant = post("/sites/" + site + "/receipts", Map.of("sku", rfid, "bin", bin,
                "serials", List.of("3034AA01", "3034AA02"))).statusCode(201).extract().path("quant.id");
        post("/sites/" + site + "/receipts", Map.of("sku", serial, "bin", other, "serials", List.of("SN9")))
                .statusCode(201);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = when().get("/sites/" + site + "/units?bin=" + bin + "&limit=2"
                    + (cursor == null ? "" : "&after=" + cursor)).then().statusCode(200).extract().jsonPath();
            for (Map<String, String> unit : page.<Map<String, String>>getList("items")) {
                seen.add(unit.get("quantId") + "/" + unit.get("serial") + "/" + unit.get("epc"));
            }
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrder(serialQuant + "/SN1/null", serialQuant + "/SN2/null",
                serialQuant + "/SN3/null", rfidQuant + "/3034AA01/3034AA01", rfidQuant + "/3034AA02/3034AA02");
        assertThat(pages).isEqualTo(3);
        assertThat(when().get("/sites/" + site + "/units?area=Sales floor").then().statusCode(200).extract().jsonPath()
                .getList("items.serial")).containsExactly("SN9");
        assertThat(when().get("/sites/" + site + "/units").then().extract().jsonPath().getList("items")).hasSize(6);
    }

    @Test
    void anUnknownSiteIsNotFoundAndABadCursorNamesTheField() {
        when().get("/sites/NO-SUCH-SITE/units").then().statusCode(404);
        String site = Fixtures.site();
        when().get("/sites/" + site + "/units?after=nonsense").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }
}
