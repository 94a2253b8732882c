package dev.orderflow.order.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.problem.ApiException;

/**
 * {@code Idempotency-Key} per caller. The key is claimed in the transaction that creates the
 * order, so a concurrent retry waits on the primary key until the first commits, then replays it.
 */
@Repository
public class IdempotencyKeys {

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code key} for a new order {@code orderId}. Empty when claimed; otherwise the order an
     * earlier identical request created. A different request under the same key is a conflict.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> claim(String caller, String key, String requestHash, UUID orderId) {
        int inserted = jdbc.sql("""
                INSERT INTO idempotency_keys (caller, key, request_hash, order_id, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(caller, key, requestHash, orderId, Timestamp.from(Instant.now()))
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Claim earlier = jdbc.sql("SELECT request_hash, order_id FROM idempotency_keys WHERE caller = ? AND key = ?")
                .params(caller, key)
                .query((rs, row) -> new Claim(rs.getString(1), rs.getObject(2, UUID.class)))
                .single();
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT,
                    "Idempotency-Key '" + key + "' was already used with a different request");
        }
        return Optional.of(earlier.orderId());
    }

    private record Claim(String requestHash, UUID orderId) {
    }
}
