package com.stockcount.reconciliation.session;

import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;

/** An event of {@code count.session.v1} that reconciliation acts on, with the id it is applied once by. */
public sealed interface SessionEvent {

    String eventId();

    record ResultPart(String eventId, SessionResultPart part) implements SessionEvent {
    }

    record SerialsPart(String eventId, SessionSerialsPart part) implements SessionEvent {
    }

    record Completed(String eventId, SessionCompleted completed) implements SessionEvent {
    }

    record Discarded(String eventId, SessionDiscarded discarded) implements SessionEvent {
    }
}
