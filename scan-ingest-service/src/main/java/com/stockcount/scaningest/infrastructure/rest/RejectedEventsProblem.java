package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.scaningest.reader.EventRejection;
import java.util.List;

/** A problem body for a reader's body of which nothing was taken, listing each refused event. */
public record RejectedEventsProblem(String type, String title, int status, String detail, List<EventRejection> rejected) {
}
