package com.stockcount.inventory.stock;

import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;

/**
 * Goods taken out of a bin (an order pick, a transfer out). Same fields and rules as a {@link Receipt}.
 *
 * @param occurredAt optional: when it happened, if it is posted late (a till or a handheld that synced late);
 *                   a movement at or before the moment a count saw the shelf is absorbed by that count
 * @param pickId optional client id: the same id again replays the first answer, nothing is posted twice
 */
public record Pick(@NotBlank String sku, @NotBlank String bin, String lot, Long quantity, List<String> serials,
                   String pickId, Instant occurredAt) {
}
