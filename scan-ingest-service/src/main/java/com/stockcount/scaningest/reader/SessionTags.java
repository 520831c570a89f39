package com.stockcount.scaningest.reader;

/**
 * The EPCs a session has already counted, as 128-bit fingerprints in one open-addressing table of
 * longs (linear probing, backward-shift deletion): about 16 bytes a tag at full load, 43 at worst
 * just after growing, no object per tag. 200,000 tags take 4 to 8 MB. Two different EPCs share a
 * fingerprint with a probability near n²/2¹²⁹ — for a session of 200,000 tags about 10⁻²⁹.
 * Not thread-safe: {@link TagFilter} locks per session.
 */
final class SessionTags {

    private static final int MIN_CAPACITY = 1024;

    private long[] slots = new long[2 * MIN_CAPACITY];
    private int size;
    private long lastActive;

    SessionTags(long now) {
        this.lastActive = now;
    }

    int size() {
        return size;
    }

    long lastActive() {
        return lastActive;
    }

    void touch(long now) {
        lastActive = now;
    }

    /** @return true when the tag was not there before */
    boolean add(long high, long low) {
        if ((size + 1) * 4L > capacity() * 3L) {
            grow();
        }
        int mask = capacity() - 1;
        for (int i = index(high, low, mask); ; i = (i + 1) & mask) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == 0 && l == 0) {
                slots[2 * i] = high;
                slots[2 * i + 1] = low;
                size++;
                return true;
            }
            if (h == high && l == low) {
                return false;
            }
        }
    }

    boolean contains(long high, long low) {
        int mask = capacity() - 1;
        for (int i = index(high, low, mask); ; i = (i + 1) & mask) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == 0 && l == 0) {
                return false;
            }
            if (h == high && l == low) {
                return true;
            }
        }
    }

    /** Forgets a tag (its publication failed), shifting back the entries probed past it. */
    void remove(long high, long low) {
        int mask = capacity() - 1;
        int i = index(high, low, mask);
        while (true) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == 0 && l == 0) {
                return;
            }
            if (h == high && l == low) {
                break;
            }
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; ; j = (j + 1) & mask) {
            long h = slots[2 * j];
            long l = slots[2 * j + 1];
            if (h == 0 && l == 0) {
                break;
            }
            int home = index(h, l, mask);
            // the entry at j may fill the hole if its home is not cyclically within (hole, j]
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                slots[2 * hole] = h;
                slots[2 * hole + 1] = l;
                hole = j;
            }
        }
        slots[2 * hole] = 0;
        slots[2 * hole + 1] = 0;
        size--;
    }

    private int capacity() {
        return slots.length / 2;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                add(old[i], old[i + 1]);
            }
        }
    }

    private static int index(long high, long low, int mask) {
        return (int) (low ^ (low >>> 32)) & mask;
    }
}
