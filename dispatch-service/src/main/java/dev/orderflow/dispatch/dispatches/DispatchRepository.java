package dev.orderflow.dispatch.dispatches;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;

/** The dispatches table. Reads that precede a change lock the row ({@code FOR UPDATE}). */
@Repository
public class DispatchRepository {


    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DispatchRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new REQUESTED attempt; false if the order already has an active one (the unique index says so). */
    public boolean insertRequested(UUID id, UUID orderId, int attempt, String provider) {
        Instant now = Instant.now();
        return jdbc.sql("""
                INSERT INTO dispatches (id, order_id, attempt, status, provider, version, created_at, updated_at)
                VALUES (?, ?, ?, 'REQUESTED', ?, 0, ?, ?) ON CONFLICT DO NOTHING""")
                .params(id, orderId, attempt, provider, Timestamp.from(now), Timestamp.from(now))
                .update() == 1;
    }

    public int attempts(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM dispatches WHERE order_id = ?").param(orderId).query(Integer.class).single();
    }

    public Optional<Dispatch> find(UUID id) {
        return jdbc.sql("SELECT * FROM dispatches WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<Dispatch> lock(UUID id) {
        return jdbc.sql("SELECT * FROM dispatches WHERE id = ? FOR UPDATE").param(id).query(this::map).optional();
    }

    /** The order's newest attempt, locked (the rider commands act on it). */
    public Optional<Dispatch> lockLatest(UUID orderId) {
        return jdbc.sql("SELECT * FROM dispatches WHERE order_id = ? ORDER BY attempt DESC LIMIT 1 FOR UPDATE")
                .param(orderId).query(this::map).optional();
    }

    public Optional<Dispatch> latest(UUID orderId) {
        return jdbc.sql("SELECT * FROM dispatches WHERE order_id = ? ORDER BY attempt DESC LIMIT 1")
                .param(orderId).query(this::map).optional();
    }

    public Optional<Dispatch> lockByJob(String provider, String jobId) {
        return jdbc.sql("SELECT * FROM dispatches WHERE provider = ? AND provider_job_id = ? FOR UPDATE")
                .params(provider, jobId).query(this::map).optional();
    }

    /** Takes a REQUESTED booking for this worker; false if another holds an unexpired claim. */
    public boolean claimBooking(UUID id, Duration lease) {
        return jdbc.sql("""
                UPDATE dispatches SET booking_claimed_at = now()
                WHERE id = ? AND status = 'REQUESTED'
                  AND (booking_claimed_at IS NULL OR booking_claimed_at < now() - make_interval(secs => ?))""")
                .params(id, lease.toSeconds())
                .update() == 1;
    }

    public List<UUID> unclaimedBookings(Duration lease) {
        return jdbc.sql("""
                SELECT id FROM dispatches WHERE status = 'REQUESTED'
                  AND (booking_claimed_at IS NULL OR booking_claimed_at < now() - make_interval(secs => ?))""")
                .param(lease.toSeconds()).query(UUID.class).list();
    }

    /** Kwik jobs already owned by other attempts of the order: never adopted by a new one. */
    public java.util.Set<String> jobsOfOtherAttempts(UUID orderId, UUID dispatchId) {
        return new java.util.HashSet<>(jdbc.sql(
                        "SELECT provider_job_id FROM dispatches WHERE order_id = ? AND id <> ? AND provider_job_id IS NOT NULL")
                .params(orderId, dispatchId).query(String.class).list());
    }

    /** Keeps the order's Kwik tasks under watch until {@code until} (an uncertain booking outcome). */
    public void reconcileUntil(UUID id, Instant until) {
        jdbc.sql("UPDATE dispatches SET reconcile_until = greatest(reconcile_until, ?) WHERE id = ?")
                .params(Timestamp.from(until), id).update();
    }

    /** Orders with a booking under watch. */
    public List<UUID> ordersToReconcile() {
        return jdbc.sql("SELECT DISTINCT order_id FROM dispatches WHERE reconcile_until > now()")
                .query(UUID.class).list();
    }

    /** Active, booked dispatches with no courier news since {@code before}. */
    public List<Dispatch> staleActive(Instant before, int limit) {
        return jdbc.sql("SELECT * FROM dispatches WHERE status IN ('BOOKED','ASSIGNED','PICKED_UP','IN_TRANSIT')"
                        + " AND provider = 'KWIK' AND provider_job_id IS NOT NULL AND coalesce(last_courier_news_at, updated_at) < ?"
                        + " ORDER BY updated_at LIMIT ?")
                .params(Timestamp.from(before), limit).query(this::map).list();
    }

    /** Writes the changeable fields of {@code d}. */
    public void update(Dispatch d, String failureDetail) {
        jdbc.sql("""
                UPDATE dispatches SET status = ?, previous_status = ?, provider_job_id = ?, tracking_url = ?,
                    driver = ?::jsonb, eta_at = ?, otp_hash = ?, otp_failures = ?, version = ?, updated_at = ?,
                    failure_detail = coalesce(?, failure_detail)
                WHERE id = ?""")
                .params(d.status() == null ? Dispatch.REQUESTED : d.status().name(),
                        d.previousStatus() == null ? null : d.previousStatus().name(), d.providerJobId(),
                        d.trackingUrl(), d.driver() == null ? null : json.writeValueAsString(d.driver()),
                        d.etaAt() == null ? null : Timestamp.from(d.etaAt()), d.otpHash(), d.otpFailures(),
                        d.version(), Timestamp.from(d.updatedAt()), failureDetail, d.id())
                .update();
    }

    /** Dispatches matching {@code condition} (SQL on the dispatches table), for a feature's own queries. */
    public List<Dispatch> where(String condition, Object... params) {
        return jdbc.sql("SELECT * FROM dispatches WHERE " + condition).params(params).query(this::map).list();
    }

    public void recordCourierNews(UUID id) {
        jdbc.sql("UPDATE dispatches SET last_courier_news_at = now() WHERE id = ?").param(id).update();
    }

    public void countOtpFailure(UUID id) {
        jdbc.sql("UPDATE dispatches SET otp_failures = otp_failures + 1 WHERE id = ?").param(id).update();
    }

    private Dispatch map(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        String previous = rs.getString("previous_status");
        String driver = rs.getString("driver");
        Timestamp eta = rs.getTimestamp("eta_at");
        return new Dispatch(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class), rs.getInt("attempt"),
                Dispatch.REQUESTED.equals(status) ? null : DispatchStatus.valueOf(status),
                previous == null || Dispatch.REQUESTED.equals(previous) ? null : DispatchStatus.valueOf(previous),
                rs.getString("provider"), rs.getString("provider_job_id"), rs.getString("tracking_url"),
                driver == null ? null : json.readValue(driver, Driver.class), eta == null ? null : eta.toInstant(),
                rs.getString("otp_hash"), rs.getInt("otp_failures"), rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
