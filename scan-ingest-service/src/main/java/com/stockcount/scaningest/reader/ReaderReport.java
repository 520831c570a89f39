package com.stockcount.scaningest.reader;

import java.util.List;
import java.util.Map;

/**
 * What one body from a reader held: its tag reads, the other events it carried (antenna, inventory
 * status, overflow… acknowledged and counted by kind, never refused), and the events it refused.
 */
public record ReaderReport(List<TagRead> reads, Map<String, Integer> otherEvents, List<EventRejection> rejected) {

    public ReaderReport {
        reads = List.copyOf(reads);
        otherEvents = Map.copyOf(otherEvents);
        rejected = List.copyOf(rejected);
    }

    public int events() {
        return reads.size() + otherEvents.values().stream().mapToInt(Integer::intValue).sum() + rejected.size();
    }
}
