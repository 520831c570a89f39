package com.stockcount.count.sessions.domain;

import java.time.Instant;

/**
 * The distinct serials or EPCs counted on one line (the key: the EPC of an RFID read, else the serial), each with its
 * serial and when it was counted. A line of an RFID session may hold tens of thousands: they are kept in parallel
 * arrays of an open-addressing table (linear probing, at most two thirds full), 24 bytes a slot, instead of a
 * hash map node, a {@code Seen} record and an {@link Instant} per unit (~80 bytes and three objects more each), which
 * was the young garbage that every counted EPC left in the old generation (brief countK). The serial is kept only when
 * it is not the key itself.
 */
public final class SeenUnits {

    private static final int FIRST_CAPACITY = 8;
    /** In {@link #nanos}: the key is an EPC (above any nano-of-second, which is below 2^30). */
    private static final int EPC = 1 << 31;

    private String[] keys = new String[FIRST_CAPACITY];
    /** {@code null}: the serial is the key. */
    private String[] serials = new String[FIRST_CAPACITY];
    private long[] seconds = new long[FIRST_CAPACITY];
    private int[] nanos = new int[FIRST_CAPACITY];
    private int size;

    public int size() {
        return size;
    }

    public boolean contains(String key) {
        return keys[slot(key)] != null;
    }

    /** Counts a unit (or records it again, with this serial and time). {@code epc}: the key is an EPC. */
    public void put(String key, String serial, boolean epc, Instant at) {
        if ((size + 1) * 3L > keys.length * 2L) {
            grow();
        }
        int slot = slot(key);
        if (keys[slot] == null) {
            keys[slot] = key;
            size++;
        }
        serials[slot] = key.equals(serial) ? null : serial;
        seconds[slot] = at.getEpochSecond();
        nanos[slot] = at.getNano() | (epc ? EPC : 0);
    }

    /** Takes a unit off the line, if it was on it. */
    public void remove(String key) {
        int mask = keys.length - 1;
        int slot = slot(key);
        if (keys[slot] == null) {
            return;
        }
        keys[slot] = null;
        serials[slot] = null;
        size--;
        // backward shift: a unit further along the probe sequence moves into the hole it would otherwise not reach
        for (int next = (slot + 1) & mask; keys[next] != null; next = (next + 1) & mask) {
            int home = home(keys[next], mask);
            if (((next - home) & mask) >= ((next - slot) & mask)) {
                keys[slot] = keys[next];
                serials[slot] = serials[next];
                seconds[slot] = seconds[next];
                nanos[slot] = nanos[next];
                keys[next] = null;
                serials[next] = null;
                slot = next;
            }
        }
    }

    /** The slot of a unit, for {@link #serial}, {@link #epc} and {@link #at}; -1 when the line does not have it. */
    public int find(String key) {
        int slot = slot(key);
        return keys[slot] == null ? -1 : slot;
    }

    /** Slots are 0 to {@code slots() - 1}; those that hold a unit are {@link #used}. */
    public int slots() {
        return keys.length;
    }

    public boolean used(int slot) {
        return keys[slot] != null;
    }

    public String serial(int slot) {
        return serials[slot] != null ? serials[slot] : keys[slot];
    }

    /** The EPC of the unit, {@code null} when it was counted by its serial. */
    public String epc(int slot) {
        return (nanos[slot] & EPC) != 0 ? keys[slot] : null;
    }

    public Instant at(int slot) {
        return Instant.ofEpochSecond(seconds[slot], nanos[slot] & ~EPC);
    }

    /** The same units with the same serials and times, however they are laid out in the table. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SeenUnits that) || that.size != size) {
            return false;
        }
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                int there = that.find(keys[slot]);
                if (there < 0 || !serial(slot).equals(that.serial(there)) || seconds[slot] != that.seconds[there]
                        || nanos[slot] != that.nanos[there]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                hash += keys[slot].hashCode() ^ Long.hashCode(seconds[slot]) ^ nanos[slot];
            }
        }
        return hash;
    }

    private int slot(String key) {
        int mask = keys.length - 1;
        int hash = key.hashCode();
        int slot = home(key, mask);
        // a string caches its hash: most occupied slots are passed over without comparing characters
        while (keys[slot] != null && (keys[slot].hashCode() != hash || !keys[slot].equals(key))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * EPCs of consecutive tags differ in their last characters only, and a line's EPCs are a regular sample of them:
     * every bit of the string's hash is mixed into the slot (murmur3's finaliser). A profile of loading a 200,000-EPC
     * session from its events, with a plain multiply and tables three quarters full, had 17 % of its samples probing.
     */
    private static int home(String key, int mask) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & mask;
    }

    private void grow() {
        String[] oldKeys = keys;
        String[] oldSerials = serials;
        long[] oldSeconds = seconds;
        int[] oldNanos = nanos;
        int capacity = oldKeys.length * 2;
        keys = new String[capacity];
        serials = new String[capacity];
        seconds = new long[capacity];
        nanos = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                serials[slot] = oldSerials[i];
                seconds[slot] = oldSeconds[i];
                nanos[slot] = oldNanos[i];
            }
        }
    }
}
