package com.stockcount.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.reconciliation.adjustment.Adjustments;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustmentsTest {

    private static final Instant NOW = Instant.parse("2025-11-20T12:00:00Z");
    private final SessionFixture session = SessionFixture.of(List.of());
    private final SessionCompleted completed = session.completed(0, 0);

    @Test
    void aLineFoundShortIsAdjustedDownOnItsQuant() {
        AdjustmentRequested request = Adjustments.forLine(completed,
                SessionFixture.line("line-1", "SKU-1", "A-01", 5, 3, null), 0, NOW).orElseThrow();

        assertThat(request.delta()).isEqualTo(-2);
        assertThat(request.quant()).isEqualTo(new QuantKey(session.site(), "A-01", "SKU-1", ""));
        assertThat(request.requestId()).isEqualTo(session.requestId("line-1"));
        assertThat(request.reason()).isEqualTo("stock_count");
        assertThat(request.requestedAt()).isEqualTo(NOW);
    }

    @Test
    void aLineThatAgreesNeedsNoAdjustment() {
        assertThat(Adjustments.forLine(completed, SessionFixture.line("line-1", "SKU-1", "A-01", 5, 5, null), 0, NOW))
                .isEmpty();
    }

    @Test
    void aRecountPostsOnlyWhatEarlierRevisionsDidNotAlreadyRequest() {
        assertThat(Adjustments.forLine(completed, SessionFixture.line("line-1", "SKU-1", "A-01", 10, 11, null), 2, NOW))
                .map(AdjustmentRequested::delta).contains(-1L);
        assertThat(Adjustments.forLine(completed, SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, null), 2, NOW))
                .isEmpty();
    }

    @Test
    void requestIdsDifferPerRevisionAndLineButNeverBetweenDeliveries() {
        assertThat(Adjustments.requestId("s", 1, "l")).isEqualTo(Adjustments.requestId("s", 1, "l"))
                .isNotEqualTo(Adjustments.requestId("s", 2, "l"))
                .isNotEqualTo(Adjustments.requestId("s", 1, "m"));
    }
}
