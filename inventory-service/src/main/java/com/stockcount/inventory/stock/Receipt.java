package com.stockcount.inventory.stock;

import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;

/**
 * Goods received into a bin. Which of {@code lot}, {@code quantity} and {@code serials} are needed
 * depends on the product's tracking type (checked by {@link StockService}).
 *
 * @param occurredAt optional: when it happened, if it is posted late (a till or a handheld that synced late);
 *                   a movement at or before the moment a count saw the shelf is absorbed by that count
 * @param receiptId optional client id: the same id again replays the first answer, nothing is posted twice
 */
public record Receipt(@NotBlank String sku, @NotBlank String bin, String lot, Long quantity, List<String> serials,
                      String receiptId, Instant occurredAt) {
}
