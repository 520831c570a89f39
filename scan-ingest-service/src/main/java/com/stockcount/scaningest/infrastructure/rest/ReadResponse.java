package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.scaningest.reader.EventRejection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a reader's or handheld's body: what was counted, what was only acknowledged, what was refused. */
@Schema(name = "ReadResult")
public record ReadResponse(
        @Schema(description = "true when the reader is bound to a session and its reads were counted; false: only measured")
        boolean counted,
        @Schema(description = "the session the reads were counted in") String sessionId,
        @Schema(description = "tag reads in the body") int reads,
        @Schema(description = "tags seen for the first time in the session, stored before this answer") int published,
        @Schema(description = "reads of tags the session already has") int duplicates,
        @Schema(description = "of the published tags, those whose EPC is not an SGTIN") int undecodable,
        @Schema(description = "barcodes stored (handhelds)") int barcodes,
        @Schema(description = "non-tag events acknowledged, by kind") Map<String, Integer> otherEvents,
        @Schema(description = "events refused, with their position and reason; the others were taken") List<EventRejection> rejected) {
}
