package com.stockcount.count.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Loads the inventory stub with the quants of a site. */
public final class Inventory {

    private Inventory() {
    }

    public static void site(String site, List<Map<String, Object>> quants) {
        String url = ConfigProvider.getConfig().getValue("stockcount.inventory.url", String.class);
        given().contentType("application/json").body(quants)
                .put(url + "/_stub/sites/" + site)
                .then().statusCode(204);
    }
}
