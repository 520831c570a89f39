package com.stockcount.scaningest.infrastructure.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.Topics;
import com.stockcount.scaningest.support.ObservationLog;
import com.stockcount.scaningest.support.SharedKafka;
import com.stockcount.testsupport.SharedInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The lag gauge follows what count-service has committed, measured against the real broker. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class CountServiceLagTest {

    private static final Pattern GAUGE = Pattern.compile("(?m)^rfid_count_service_lag_records(?:\\{[^}]*})? (\\S+)$");

    @Test
    void theGaugeIsWhatCountServiceHasNotCommittedYet() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
            commitAtEnd(admin);
            awaitLag(0);

            String session = UUID.randomUUID().toString();
            given().contentType(ContentType.JSON).body("""
                            {"deviceId":"hh-1","scans":[{"code":"4006381333931","scannedAt":"2025-06-15T10:00:00Z"},
                                                        {"code":"036000291452","scannedAt":"2025-06-15T10:00:01Z"},
                                                        {"code":"SN-1","type":"serial","scannedAt":"2025-06-15T10:00:02Z"}]}""")
                    .post("/sessions/{s}/scans", session).then().statusCode(202);
            // the lag counts records: three scans are one batch record, or three single ones with publish-batches=false
            int records = ObservationLog.read(SharedInfrastructure.kafka().bootstrapServers(), session, 1).size();
            assertThat(records).isPositive();
            awaitLag(records);

            commitAtEnd(admin);
            awaitLag(0);
        }
    }

    /** What count-service does after applying everything: commit each partition at its end. */
    private static void commitAtEnd(Admin admin) throws Exception {
        int partitions = admin.describeTopics(java.util.List.of(Topics.SCAN_OBSERVATION)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.SCAN_OBSERVATION).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.SCAN_OBSERVATION, p), p -> OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
        admin.alterConsumerGroupOffsets(CountServiceLag.GROUP, ends).all().get(10, TimeUnit.SECONDS);
    }

    private static void awaitLag(double expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Matcher m = GAUGE.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
            assertThat(m.find()).as("gauge rfid_count_service_lag_records exported").isTrue();
            assertThat(Double.parseDouble(m.group(1))).isEqualTo(expected);
        });
    }
}
