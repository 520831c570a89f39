package com.stockcount.inventory;

/**
 * The answer of an idempotent create: the stored value, and whether this call created it (201) or
 * found the same data already there (200).
 */
public record Upserted<T>(T value, boolean created) {
}
