package com.stockcount.count.counts;

import com.stockcount.count.sessions.SessionView;
import java.time.Instant;
import java.util.List;

/** A count with its sessions, as the REST API shows it; {@code bin} is null for a whole-site count. */
public record CountView(
        String id,
        String site,
        String name,
        String type,
        String bin,
        Instant plannedStart,
        String notes,
        List<String> directed,
        Instant createdAt,
        Progress progress,
        List<SessionView> sessions) {

    /**
     * Over the sessions not discarded.
     *
     * @param linesCounted lines with a counted quantity
     * @param unitsScanned scans applied, matched or not
     */
    public record Progress(int sessions, int completedSessions, long linesCounted, long unitsScanned) {

        static Progress of(List<SessionView> sessions) {
            List<SessionView> live = sessions.stream().filter(s -> !"DISCARDED".equals(s.status())).toList();
            return new Progress(live.size(), (int) live.stream().filter(s -> "COMPLETED".equals(s.status())).count(),
                    live.stream().mapToLong(s -> s.totals().countedLines()).sum(),
                    live.stream().mapToLong(s -> s.totals().scans()).sum());
        }
    }
}
