package com.stockcount.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.testsupport.SharedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idempotency record on a real PostgreSQL, with the table of the platform migration. */
class ProcessedEventsTest {

    private Connection connection;

    @BeforeEach
    void database() throws Exception {
        String url = SharedInfrastructure.postgres().createDatabase("platform_test");
        connection = DriverManager.getConnection(url, "postgres", "postgres");
        try (Statement s = connection.createStatement()) {
            s.execute(new String(getClass().getResourceAsStream("/db/platform/V0_1__outbox_and_idempotency.sql")
                    .readAllBytes()));
            s.execute("truncate processed_event");
        }
    }

    @Test
    void aBatchReturnsOnlyTheIdsThisConsumerHasNotProcessedBefore() throws Exception {
        assertThat(ProcessedEvents.firstDelivery(connection, "c1", "a")).isTrue();

        assertThat(ProcessedEvents.firstDeliveries(connection, "c1", List.of("a", "b", "c", "b")))
                .containsExactlyInAnyOrder("b", "c");
        assertThat(ProcessedEvents.firstDeliveries(connection, "c1", List.of("a", "b", "c"))).isEmpty();
        assertThat(ProcessedEvents.firstDeliveries(connection, "c2", List.of("a"))).containsExactly("a");
        assertThat(ProcessedEvents.firstDeliveries(connection, "c2", List.of())).isEmpty();
        assertThat(ProcessedEvents.firstDelivery(connection, "c1", "c")).isFalse();
        connection.close();
    }
}
