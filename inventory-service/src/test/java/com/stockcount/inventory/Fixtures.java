package com.stockcount.inventory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.stockcount.platform.kafka.KafkaClients;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Sets up master data through the public API, with codes unique per test (the database is shared). */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid GTIN-13 built from 12 random digits plus their GS1 check digit. */
    public static String randomEan13() {
        String data = String.format("%012d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000_000L));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = data.charAt(11 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return data + (10 - sum % 10) % 10;
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    public static String site() {
        String code = unique("S");
        post("/sites", Map.of("code", code, "name", "Store " + code)).statusCode(201);
        return code;
    }

    public static String bin(String site, String area) {
        String code = unique("B");
        post("/sites/" + site + "/bins", Map.of("code", code, "area", area)).statusCode(201);
        return code;
    }

    public static String product(String tracking) {
        String sku = unique("SKU");
        post("/products", Map.of("sku", sku, "name", "Product " + sku, "parent", "Style " + sku,
                "gtins", java.util.List.of(randomEan13()), "tracking", tracking, "unitCost", 2.5)).statusCode(201);
        return sku;
    }

    public static String receive(String site, String bin, String sku, long quantity) {
        return post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "quantity", quantity))
                .statusCode(201).extract().path("quant.id");
    }

    /** Reads the topic from the start with a fresh group until a record matches (30 s at most); returns the first. */
    public static ConsumerRecord<String, byte[]> awaitRecord(String topic,
                                                             Predicate<ConsumerRecord<String, byte[]>> match) {
        return awaitRecords(topic, match, found -> !found.isEmpty()).get(0);
    }

    /**
     * Reads the topic from the start with a fresh group, keeping the records that match in the order read, until
     * {@code enough} holds for them (30 s at most).
     */
    public static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
                                                                    Predicate<ConsumerRecord<String, byte[]>> match,
                                                                    Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer("test-" + UUID.randomUUID(), "test-reader",
                Map.of())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
                return enough.test(found);
            });
            return found;
        }
    }
}
