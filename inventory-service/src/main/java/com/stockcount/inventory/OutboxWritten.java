package com.stockcount.inventory;

/**
 * Fired (as a CDI event) by a transaction that appended to the outbox, so the relay can publish as
 * soon as it commits instead of at its next poll.
 */
public record OutboxWritten() {
}
