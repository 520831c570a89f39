package com.stockcount.scaningest.reader;

import java.util.List;
import java.util.Map;

/**
 * What became of a reader's body.
 *
 * @param sessionId   the session the reads were counted in, or {@code null} when the reader is not bound (measured only)
 * @param reads       tag reads in the body
 * @param published   tags seen for the first time in the session, now stored on the topic
 * @param duplicates  reads of tags already published for the session
 * @param undecodable of the published tags, those whose EPC is not an SGTIN (kept, unmatched downstream)
 */
public record ReadResult(String sessionId, int reads, int published, int duplicates, int undecodable,
                         Map<String, Integer> otherEvents, List<EventRejection> rejected) {
}
