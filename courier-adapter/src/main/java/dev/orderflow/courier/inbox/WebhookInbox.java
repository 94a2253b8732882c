package dev.orderflow.courier.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The webhook inbox table: every accepted callback, raw, de-duplicated by (provider, dedup key). */
@Repository
public class WebhookInbox {

    /** One received callback as stored. */
    public record Entry(String provider, String dedupKey, String jobId, int jobStatus, String orderId,
                        String rawBody, Map<String, String> headers, InboxOutcome outcome) {
    }

    /** An unmatched callback as the report shows it. */
    public record Unmatched(long id, String provider, String jobId, int jobStatus, Instant receivedAt, String rawBody) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public WebhookInbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the callback; empty when the same callback is already there (a duplicate). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> insert(Entry entry) {
        return jdbc.sql("""
                INSERT INTO webhook_inbox (provider, dedup_key, job_id, job_status, order_id, raw_body, headers,
                                           outcome, unmatched)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (provider, dedup_key) DO NOTHING
                RETURNING id""")
                .params(entry.provider(), entry.dedupKey(), entry.jobId(), entry.jobStatus(), entry.orderId(),
                        entry.rawBody(), json.writeValueAsString(entry.headers()), entry.outcome().name(),
                        entry.outcome() == InboxOutcome.UNMATCHED)
                .query(Long.class)
                .optional();
    }

    /** The unmatched callbacks of one job, locked, oldest first. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Unmatched> unmatchedOfJob(String provider, String jobId) {
        return jdbc.sql("""
                SELECT id, provider, job_id, job_status, received_at, raw_body FROM webhook_inbox
                WHERE unmatched AND provider = ? AND job_id = ? ORDER BY id FOR UPDATE""")
                .params(provider, jobId)
                .query(WebhookInbox::unmatchedRow)
                .list();
    }

    /** An unmatched callback whose order became known: it is published now and leaves the report. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void matched(long id, String orderId) {
        jdbc.sql("UPDATE webhook_inbox SET unmatched = false, order_id = ?, outcome = ? WHERE id = ?")
                .params(orderId, InboxOutcome.PUBLISHED.name(), id)
                .update();
    }

    public List<Unmatched> unmatched(int limit) {
        return jdbc.sql("""
                SELECT id, provider, job_id, job_status, received_at, raw_body FROM webhook_inbox
                WHERE unmatched ORDER BY received_at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query(WebhookInbox::unmatchedRow)
                .list();
    }

    private static Unmatched unmatchedRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Unmatched(rs.getLong("id"), rs.getString("provider"), rs.getString("job_id"),
                rs.getInt("job_status"), rs.getTimestamp("received_at").toInstant(), rs.getString("raw_body"));
    }

    public long countUnmatched() {
        return jdbc.sql("SELECT count(*) FROM webhook_inbox WHERE unmatched").query(Long.class).single();
    }
}
