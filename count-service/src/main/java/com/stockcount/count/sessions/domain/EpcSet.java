package com.stockcount.count.sessions.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every EPC a session has taken, whatever became of its scan since. A session holds up to a few hundred thousand and
 * several sessions stay cached, so the common case, a 96-bit EPC (24 hex digits, e.g. SGTIN-96), is kept losslessly
 * as numbers in an open-addressing table: 12 bytes a slot (its top 32 bits in an {@code int}, the low 64 in a
 * {@code long}), at most four fifths full (linear probing stays short with the hash below), 3.1 MB for 200,000
 * EPCs against ~100 bytes an EPC in a set of strings. Any other EPC (SGTIN-198, undecodable reads of other lengths) is kept as its upper-case string. Hex digits
 * are read case-insensitively, so a tag is the same whichever case a reader reports it in.
 */
public final class EpcSet {

    private static final int HEX_96 = 24;
    private static final int FIRST_CAPACITY = 1 << 10;

    private int[] high = new int[FIRST_CAPACITY];
    private long[] low = new long[FIRST_CAPACITY];
    /** 96-bit EPCs in the table; the all-zero EPC (an unprogrammed tag) is not, as zero marks a free slot. */
    private int size96;
    private boolean zero;
    private final Set<String> others = new HashSet<>();

    /** Takes an EPC; false when the set already has it. */
    public boolean add(String epc) {
        if (!is96(epc)) {
            return others.add(epc.toUpperCase(Locale.ROOT));
        }
        int top = (int) Long.parseUnsignedLong(epc, 0, 8, 16);
        long bottom = Long.parseUnsignedLong(epc, 8, HEX_96, 16);
        if (top == 0 && bottom == 0) {
            boolean added = !zero;
            zero = true;
            return added;
        }
        return insert(top, bottom);
    }

    public boolean contains(String epc) {
        if (!is96(epc)) {
            return others.contains(epc.toUpperCase(Locale.ROOT));
        }
        int top = (int) Long.parseUnsignedLong(epc, 0, 8, 16);
        long bottom = Long.parseUnsignedLong(epc, 8, HEX_96, 16);
        if (top == 0 && bottom == 0) {
            return zero;
        }
        int slot = slot(top, bottom, high.length - 1);
        return high[slot] == top && low[slot] == bottom;
    }

    public int size() {
        return size96 + (zero ? 1 : 0) + others.size();
    }

    /**
     * The 96-bit EPCs, 12 bytes each (big-endian, as the hex reads), in no particular order: with {@link #others()},
     * what a snapshot stores. It does not depend on the table's layout, so a snapshot reads back whatever the hashing.
     */
    public byte[] packed96() {
        byte[] packed = new byte[(size96 + (zero ? 1 : 0)) * 12];
        int at = 0;
        for (int slot = 0; slot < high.length; slot++) {
            if (high[slot] != 0 || low[slot] != 0) {
                at = put(packed, at, high[slot], low[slot]);
            }
        }
        if (zero) {
            put(packed, at, 0, 0);
        }
        return packed;
    }

    /** The EPCs that are not 96-bit, upper case. */
    public List<String> others() {
        return new ArrayList<>(others);
    }

    /** The set a snapshot stored ({@link #packed96()} and {@link #others()}). */
    public static EpcSet of(byte[] packed96, List<String> others) {
        EpcSet set = new EpcSet();
        for (int at = 0; at + 12 <= packed96.length; at += 12) {
            int top = 0;
            long bottom = 0;
            for (int i = 0; i < 4; i++) {
                top = top << 8 | packed96[at + i] & 0xff;
            }
            for (int i = 4; i < 12; i++) {
                bottom = bottom << 8 | packed96[at + i] & 0xff;
            }
            if (top == 0 && bottom == 0) {
                set.zero = true;
            } else {
                set.insert(top, bottom);
            }
        }
        others.forEach(epc -> set.others.add(epc.toUpperCase(Locale.ROOT)));
        return set;
    }

    private boolean insert(int top, long bottom) {
        if ((size96 + 1) * 5L > high.length * 4L) {
            grow();
        }
        int slot = slot(top, bottom, high.length - 1);
        if (high[slot] != 0 || low[slot] != 0) {
            return false;
        }
        high[slot] = top;
        low[slot] = bottom;
        size96++;
        return true;
    }

    /** The slot holding this EPC, or the free slot where it belongs (linear probing; a free slot always exists). */
    private int slot(int top, long bottom, int mask) {
        int slot = hash(top, bottom) & mask;
        while ((high[slot] != 0 || low[slot] != 0) && (high[slot] != top || low[slot] != bottom)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldHigh = high;
        long[] oldLow = low;
        high = new int[oldHigh.length * 2];
        low = new long[oldLow.length * 2];
        int mask = high.length - 1;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                int slot = slot(oldHigh[i], oldLow[i], mask);
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
            }
        }
    }

    /** Serials of consecutive tags differ in their lowest bits only: mix every bit into the slot (murmur3's finaliser). */
    private static int hash(int top, long bottom) {
        long h = bottom ^ (long) top * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    private static boolean is96(String epc) {
        if (epc.length() != HEX_96) {
            return false;
        }
        for (int i = 0; i < HEX_96; i++) {
            if (Character.digit(epc.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int put(byte[] packed, int at, int top, long bottom) {
        for (int i = 3; i >= 0; i--) {
            packed[at++] = (byte) (top >>> (i * 8));
        }
        for (int i = 7; i >= 0; i--) {
            packed[at++] = (byte) (bottom >>> (i * 8));
        }
        return at;
    }
}
