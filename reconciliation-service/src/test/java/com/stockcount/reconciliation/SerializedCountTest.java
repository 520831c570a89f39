package com.stockcount.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.LineSerial;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * An RFID read of a rack finds 4,500 tags: inventory is told which units were seen, in parts small
 * enough for Kafka, so it can move, create and detach units; and a completion whose serial parts did
 * not all arrive is refused.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "reconciliation"))
class SerializedCountTest {

    @Test
    void theUnitsSeenInARackReachInventoryInPartsUnderOneMegabyte() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String session = "session-" + unique;
        String count = "count-" + unique;
        String site = "SITE-" + unique;
        CountedLine line = new CountedLine("line-1", "q-1", "JACKET", "R-01", null, "RFID", 4_400, 4_500,
                SessionFixture.COUNTED_AT, null);
        List<LineSerial> serials = new ArrayList<>();
        for (int i = 0; i < 4_500; i++) {
            serials.add(new LineSerial("line-1", "S" + i, "EPC%06d".formatted(i), i < 4_000, SessionFixture.COUNTED_AT));
        }
        // 50 expected units were not seen: they are part of the result, but not of what inventory must link
        for (int i = 0; i < 50; i++) {
            serials.add(new LineSerial("line-1", "M" + i, "MISS%06d".formatted(i), true, null));
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        SessionResultPart part = new SessionResultPart(session, count, 1, 0, 1, List.of(line));
        records.add(event(session, part.eventId(), SessionResultPart.TYPE, part));
        for (int p = 0; p < 3; p++) {
            SessionSerialsPart sp = new SessionSerialsPart(session, count, 1, p, 3,
                    serials.subList(p * 2_000, Math.min(serials.size(), (p + 1) * 2_000)));
            records.add(event(session, sp.eventId(), SessionSerialsPart.TYPE, sp));
        }
        SessionCompleted completed = new SessionCompleted(session, count, site, "Rack", "HARD", 1,
                SessionFixture.COMPLETED_AT, "reader", 1, 1, 3, serials.size());
        records.add(event(session, completed.eventId(), SessionCompleted.TYPE, completed));
        KafkaTestClient.send(records);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(units(site)).hasSize(3));
        List<ConsumerRecord<String, byte[]>> parts = units(site);
        List<String> seen = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : parts) {
            assertThat(r.value().length).isLessThan(1_000_000);
            assertThat(r.key()).isEqualTo(site + "/R-01/JACKET/");
            UnitsCounted u = Json.read(r.value(), UnitsCounted.class);
            assertThat(u.countId()).isEqualTo(count);
            assertThat(u.countedAt()).isEqualTo(SessionFixture.COUNTED_AT);
            seen.addAll(u.seen());
        }
        assertThat(seen).hasSize(4_500).doesNotHaveDuplicates().contains("EPC000000", "EPC004499")
                .noneMatch(s -> s.startsWith("MISS"));
    }

    @Test
    void aCompletionWhoseSerialPartsDidNotAllArriveIsDeadLettered() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String session = "session-" + unique;
        CountedLine line = new CountedLine("line-1", "q-1", "PHONE", "R-01", null, "SERIAL", 1, 1,
                SessionFixture.COUNTED_AT, null);
        SessionResultPart part = new SessionResultPart(session, "count-" + unique, 1, 0, 1, List.of(line));
        SessionCompleted completed = new SessionCompleted(session, "count-" + unique, "SITE-" + unique, "Rack", "HARD",
                1, SessionFixture.COMPLETED_AT, "a", 1, 1, 2, 2);
        KafkaTestClient.send(List.of(event(session, part.eventId(), SessionResultPart.TYPE, part),
                event(session, completed.eventId(), SessionCompleted.TYPE, completed)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(KafkaTestClient.snapshot(Topics.deadLetterOf(Topics.COUNT_SESSION)))
                        .anySatisfy(r -> {
                            assertThat(EventRecords.eventId(r)).isEqualTo(completed.eventId());
                            assertThat(EventRecords.header(r, "dlt-reason").orElse(""))
                                    .contains("2 serial parts announced, but 0 were received");
                        }));
    }

    private static List<ConsumerRecord<String, byte[]>> units(String site) {
        return KafkaTestClient.snapshot(Topics.INVENTORY_ADJUSTMENT_REQUEST).stream()
                .filter(r -> r.key().startsWith(site + "/"))
                .filter(r -> UnitsCounted.TYPE.equals(EventRecords.eventType(r)))
                .toList();
    }

    private static ProducerRecord<String, byte[]> event(String session, String eventId, String type, Object payload) {
        return EventRecords.event(Topics.COUNT_SESSION, session, eventId, type, 1, SessionFixture.COMPLETED_AT, null,
                payload);
    }
}
