package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.util.List;

/**
 * Several ledger entries posted by one inventory transaction, in one Kafka record: a 100,000-line count
 * publishes a few hundred of these instead of 100,000 {@link LedgerEntryRecorded}. Topic
 * {@code inventory.ledger.v1} (beside single entries and outcomes; the {@code event-type} header tells them apart).
 * Every entry is for a quant whose own key goes to the same partition as the record's key (the
 * {@link QuantKey#asString()} of the first entry's quant), so each quant's entries stay in one partition, in order,
 * whether they travel alone or grouped; within the record they are in the order they were posted.
 *
 * @param entries 1 to {@value #MAX_ENTRIES} entries (about 400 bytes each with codes of ordinary length; inventory
 *                also caps a record's estimated size, so it stays far below 1 MB whatever the codes' length)
 */
public record LedgerEntriesRecorded(List<LedgerEntryRecorded> entries) {

    public static final String TYPE = "LedgerEntriesRecorded";
    public static final int VERSION = 1;
    public static final int MAX_ENTRIES = 500;

    public LedgerEntriesRecorded {
        entries = List.copyOf(Require.present(entries, "entries"));
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a record carries 1 to " + MAX_ENTRIES + " entries, was "
                    + entries.size());
        }
    }

    /** Named by its first entry, which is in no other record: a republished record has the same id. */
    public String eventId() {
        return "ledger-entries:" + entries.get(0).entryId();
    }
}
