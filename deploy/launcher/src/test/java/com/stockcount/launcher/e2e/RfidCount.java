package com.stockcount.launcher.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stockcount.launcher.DemoSeed;
import com.stockcount.launcher.Service;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An RFID count of one bin, read by a portal. The store has a dozen RFID-tagged products with a few
 * units of each on the books (their EPCs are the units' serials), and a HARD count of the bin is being
 * counted. The portal reads 4,000 tags of those products (on the books or not), 300 tags of products
 * the store does not know, and 200 tags that are no SGTIN at all; most tags are read several times,
 * across bodies, in random order, as tags passing a portal are. The bodies are posted to scan-ingest in
 * the readers' own formats (Impinj IoT device interface, Zebra IoT Connector), in order, and any body
 * that did not get its 202 is sent again, as a reader does.
 *
 * <p>Whatever fails on the way, the session must end holding each tag once: every product's line
 * counted with exactly the distinct EPCs read of it, the unknown and undecodable tags unmatched, each
 * once, and no EPC among the session's scans twice.
 */
final class RfidCount {

    static final String BIN = "RFID-01";
    private static final String COMPANY_PREFIX = "0614141";
    /** No product of any test has this company prefix: its tags decode to GTINs that match no line. */
    private static final String UNKNOWN_COMPANY_PREFIX = "0614142";
    private static final int PRODUCTS = 12;
    /** Product p has 200 + 25·p distinct tags read: different counts, so a tag put on the wrong line shows. */
    private static final int TAGS_OF_FIRST_PRODUCT = 200;
    private static final int MORE_TAGS_PER_PRODUCT = 25;
    /** Serials 0..4 of each product are on the books; the portal reads from serial 2 on (2 are missing). */
    private static final int ON_THE_BOOKS = 5;
    private static final int FIRST_SERIAL_READ = 2;
    private static final int UNKNOWN_GTIN_TAGS = 300;
    private static final int UNDECODABLE_TAGS = 200;
    /** Up to this many reads of one tag. */
    private static final int MAX_READS = 4;
    private static final int EVENTS_PER_BODY = 400;
    private static final int ANTENNAS = 4;
    /** Item references of this JVM's stores, so that no two stores share a GTIN. */
    private static final AtomicInteger NEXT_ITEM = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000, 80_000));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Store store;
    final CountSession session;
    private final String reader;
    /** sku → every distinct EPC the portal reads of it. */
    private final Map<String, Set<String>> epcsBySku = new TreeMap<>();
    /** The distinct EPCs read that no line can take: unknown GTINs, undecodable. */
    private final Set<String> unmatched = new TreeSet<>();
    private final List<Body> bodies = new ArrayList<>();

    /**
     * @param format the reader endpoint it goes to: {@code impinj} or {@code zebra}
     * @param json   the body as that reader sends it
     */
    private record Body(String format, String json) {
    }

    private RfidCount(Store store) {
        this.store = store;
        this.session = CountSession.ofBin(store, BIN);
        this.reader = "portal-" + store.site;
    }

    /**
     * The store, its counted session (started), the portal bound to it, and the reads it will send
     * (their repetitions and order from {@code random}).
     */
    static RfidCount started(Random random) {
        Store store = Store.open(BIN, "Sales floor");
        Map<String, List<String>> tagsBySku = new TreeMap<>();
        for (int p = 0; p < PRODUCTS; p++) {
            String item = "0%05d".formatted(NEXT_ITEM.getAndIncrement());
            String sku = store.rfidProduct("TAGGED" + p, gtin14(item.charAt(0) + COMPANY_PREFIX + item.substring(1)));
            store.receiveUnits(sku, BIN, sgtins(COMPANY_PREFIX, item, 0, ON_THE_BOOKS));
            tagsBySku.put(sku, sgtins(COMPANY_PREFIX, item, FIRST_SERIAL_READ,
                    TAGS_OF_FIRST_PRODUCT + MORE_TAGS_PER_PRODUCT * p));
        }
        RfidCount count = new RfidCount(store);
        count.session.startCounting();
        tagsBySku.forEach((sku, tags) -> count.epcsBySku.put(sku, new TreeSet<>(tags)));
        count.unmatched.addAll(sgtins(UNKNOWN_COMPANY_PREFIX, "012345", 0, UNKNOWN_GTIN_TAGS));
        for (int t = 0; t < UNDECODABLE_TAGS; t++) {
            // header 0xE2 is no EPC scheme of the Tag Data Standard (a chip's TID-like id): published undecoded
            count.unmatched.add("E2801190%016X".formatted(random.nextLong()));
        }
        count.bindThePortal();
        count.prepareReads(random);
        return count;
    }

    private void bindThePortal() {
        String scanIngest = RunningStack.url(Service.SCAN_INGEST);
        given().baseUri(scanIngest).contentType(ContentType.JSON).body(Map.of("site", store.site, "bin", BIN))
                .put("/readers/" + reader).then().statusCode(200);
        given().baseUri(scanIngest).contentType(ContentType.JSON).body(Map.of("sessionId", session.id))
                .put("/readers/" + reader + "/session").then().statusCode(200);
    }

    /** Every tag read 1..{@value #MAX_READS} times, all reads shuffled, cut into bodies; one body in three a Zebra one. */
    private void prepareReads(Random random) {
        List<String> reads = new ArrayList<>();
        List<String> tags = new ArrayList<>(unmatched);
        epcsBySku.values().forEach(tags::addAll);
        for (String tag : tags) {
            for (int r = 1 + random.nextInt(MAX_READS); r > 0; r--) {
                reads.add(tag);
            }
        }
        Collections.shuffle(reads, random);
        for (int from = 0; from < reads.size(); from += EVENTS_PER_BODY) {
            List<String> chunk = reads.subList(from, Math.min(reads.size(), from + EVENTS_PER_BODY));
            boolean zebra = bodies.size() % 3 == 2;
            StringBuilder json = new StringBuilder("[");
            String now = Instant.now().toString();
            for (String epc : chunk) {
                if (json.length() > 1) {
                    json.append(',');
                }
                int antenna = 1 + random.nextInt(ANTENNAS);
                if (zebra) {
                    json.append("{\"type\":\"SIMPLE\",\"timestamp\":\"").append(now).append("\",\"data\":{\"format\":\"epc\",")
                            .append("\"idHex\":\"").append(epc.toLowerCase()).append("\",\"antenna\":").append(antenna)
                            .append(",\"peakRssi\":-56,\"reads\":1}}");
                } else {
                    json.append("{\"timestamp\":\"").append(now).append("\",\"hostname\":\"portal\",\"eventType\":\"tagInventory\",")
                            .append("\"tagInventoryEvent\":{\"epcHex\":\"").append(epc).append("\",\"antennaPort\":")
                            .append(antenna).append(",\"peakRssiCdbm\":-5400}}");
                }
            }
            bodies.add(new Body(zebra ? "zebra" : "impinj", json.append(']').toString()));
        }
    }

    int bodies() {
        return bodies.size();
    }

    int distinctTags() {
        return counted() + unmatched.size();
    }

    /** The distinct EPCs that count on a line. */
    int counted() {
        return epcsBySku.values().stream().mapToInt(Set::size).sum();
    }

    /** The session's {@code totals.unitsCounted}, as its view shows it now. */
    long unitsCounted() {
        return session.view().getLong("totals.unitsCounted");
    }

    /** Starts sending the bodies, in order, one every {@code pause}. */
    Stream stream(Duration pause) {
        Stream stream = new Stream(pause);
        stream.thread.start();
        return stream;
    }

    /** The portal sending its bodies: each until it is answered 202, as a reader resends what was not acknowledged. */
    final class Stream {

        private final Thread thread;
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicInteger resent = new AtomicInteger();
        private volatile String failure;

        private Stream(Duration pause) {
            this.thread = new Thread(() -> {
                for (Body body : bodies) {
                    if (!sendUntilAcknowledged(body)) {
                        return;
                    }
                    acknowledged.incrementAndGet();
                    sleep(pause.toMillis());
                }
            }, "portal-" + reader);
            thread.setDaemon(true);
        }

        private boolean sendUntilAcknowledged(Body body) {
            URI uri = URI.create(RunningStack.url(Service.SCAN_INGEST) + "/readers/" + reader + "/" + body.format());
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.json())).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 202) {
                        return true;
                    }
                    if (answer.statusCode() < 500) {
                        // a refusal is no fault to ride out: the test's own body is wrong
                        failure = "POST " + uri + " → " + answer.statusCode() + " " + answer.body();
                        return false;
                    }
                } catch (IOException e) {
                    // the service is down or died mid-request: not acknowledged, so sent again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted";
                    return false;
                }
                resent.incrementAndGet();
                sleep(250);
            }
            failure = "POST " + uri + " not acknowledged within 3 minutes";
            return false;
        }

        int acknowledged() {
            return acknowledged.get();
        }

        void awaitAcknowledged(int atLeast) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                    .until(() -> failure != null || acknowledged() >= atLeast);
            assertThat(failure).isNull();
        }

        /** Every body answered 202; returns how many times bodies had to be sent again. */
        int awaitAll() throws InterruptedException {
            thread.join(Duration.ofMinutes(4).toMillis());
            assertThat(failure).isNull();
            assertThat(acknowledged()).isEqualTo(bodies.size());
            return resent.get();
        }
    }

    /**
     * Once count-service has caught up, the session holds each tag once, and keeps doing so (held a few
     * seconds: a tag applied twice would still be on its way): every line counts exactly the distinct EPCs
     * read of its product, the unmatched scans are exactly the unknown and undecodable tags, and no EPC is
     * among the session's scans twice.
     */
    void assertTheSessionHoldsEachTagOnce() {
        long started = System.nanoTime();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            JsonPath totals = session.view();
            assertThat(totals.getLong("totals.unitsCounted")).as("units counted").isEqualTo(counted());
            assertThat(totals.getLong("totals.unmatchedScans")).as("unmatched scans").isEqualTo(unmatched.size());
        });
        System.out.printf("caught up %d ms after the stream ended%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> unitsCounted() == counted()
                        && session.view().getLong("totals.unmatchedScans") == unmatched.size());

        Map<String, Long> countedBySku = new TreeMap<>();
        session.lines().forEach(line -> countedBySku.put((String) line.get("sku"),
                ((Number) line.get("countedQuantity")).longValue()));
        Map<String, Long> distinctBySku = new TreeMap<>();
        epcsBySku.forEach((sku, epcs) -> distinctBySku.put(sku, (long) epcs.size()));
        assertThat(countedBySku).as("counted per line").containsExactlyInAnyOrderEntriesOf(distinctBySku);

        List<String> countedEpcs = epcs(session.scans("COUNTED"));
        Set<String> read = new TreeSet<>();
        epcsBySku.values().forEach(read::addAll);
        assertThat(countedEpcs).as("counted tags").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(read);
        List<String> unmatchedEpcs = epcs(session.scans("UNMATCHED"));
        assertThat(unmatchedEpcs).as("unmatched tags").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(unmatched);
    }

    /** The tag of each scan: its code as read, upper case (the Zebra bodies send it in lower case). */
    private static List<String> epcs(List<Map<String, Object>> scans) {
        return scans.stream().map(scan -> {
            assertThat(scan.get("kind")).isEqualTo("EPC");
            return ((String) scan.get("code")).toUpperCase();
        }).toList();
    }

    /** Serials {@code from}..{@code from + n - 1} of one product as SGTIN-96 EPCs (filter 1, point-of-sale item). */
    private static List<String> sgtins(String companyPrefix, String indicatorAndItem, int from, int n) {
        List<String> epcs = new ArrayList<>();
        for (int serial = from; serial < from + n; serial++) {
            epcs.add(DemoSeed.sgtin96(1, companyPrefix, indicatorAndItem, serial));
        }
        return epcs;
    }

    /** The 13 digits followed by their GS1 check digit (weights 3, 1, 3, … from the right). */
    private static String gtin14(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int weight = (digits.length() - i) % 2 == 1 ? 3 : 1;
            sum += (digits.charAt(i) - '0') * weight;
        }
        return digits + (10 - sum % 10) % 10;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
