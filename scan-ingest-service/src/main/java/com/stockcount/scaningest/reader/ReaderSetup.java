package com.stockcount.scaningest.reader;

import java.util.Map;

/**
 * A registered reader or handheld: its site, the bin of each antenna (and of the others), and the
 * session it feeds while bound.
 *
 * @param bin       bin or area of antennas without their own, or {@code null}: the session's current bin
 * @param antennas  antenna port → bin
 * @param sessionId the session while a count is running, or {@code null} when not bound
 */
public record ReaderSetup(String readerId, ReaderKind kind, String site, String bin, Map<Integer, String> antennas,
                          String sessionId) {

    public ReaderSetup {
        antennas = Map.copyOf(antennas);
    }

    public String binOf(Integer antenna) {
        String own = antenna == null ? null : antennas.get(antenna);
        return own != null ? own : bin;
    }

    public boolean bound() {
        return sessionId != null;
    }
}
