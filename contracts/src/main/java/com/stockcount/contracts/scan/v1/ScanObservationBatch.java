package com.stockcount.contracts.scan.v1;

import com.stockcount.contracts.Require;
import java.util.List;

/**
 * Several observations of one session in one Kafka record, so that an RFID portal body with a
 * hundred new tags costs the broker one record, not a hundred. Topic {@code scan.observation.v1}
 * (beside single {@link ScanObserved} records; the {@code event-type} header tells them apart),
 * key: session id. Each observation keeps its own id, which is what count-service de-duplicates on:
 * a batch republished with other neighbours still counts each tag once.
 *
 * @param batchId      unique per published batch (the record's event id)
 * @param sessionId    the session every observation belongs to
 * @param observations at most {@value #MAX_OBSERVATIONS}, all of {@code sessionId}: a record stays far below 1 MB
 */
public record ScanObservationBatch(String batchId, String sessionId, List<ScanObserved> observations) {

    public static final String TYPE = "ScanObservationBatch";
    public static final int VERSION = 1;
    public static final int MAX_OBSERVATIONS = 1_000;

    public ScanObservationBatch {
        Require.text(batchId, "batchId");
        Require.text(sessionId, "sessionId");
        observations = List.copyOf(Require.present(observations, "observations"));
        if (observations.isEmpty() || observations.size() > MAX_OBSERVATIONS) {
            throw new IllegalArgumentException("a batch carries 1 to " + MAX_OBSERVATIONS + " observations, was "
                    + observations.size());
        }
        for (ScanObserved observation : observations) {
            if (!observation.sessionId().equals(sessionId)) {
                throw new IllegalArgumentException("observation " + observation.observationId() + " is of session "
                        + observation.sessionId() + ", not of the batch's " + sessionId);
            }
        }
    }
}
