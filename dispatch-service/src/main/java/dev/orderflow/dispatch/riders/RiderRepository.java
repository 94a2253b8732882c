package dev.orderflow.dispatch.riders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The riders table, and which of them may be offered a job. */
@Repository
public class RiderRepository {

    private static final String ACTIVE_JOBS = """
            (SELECT count(*) FROM dispatches d WHERE d.provider = 'IN_HOUSE' AND d.driver ->> 'agentId' = r.agent_id
               AND d.status IN ('BOOKED','ASSIGNED','PICKED_UP','IN_TRANSIT'))""";

    private final JdbcClient jdbc;

    public RiderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void setAvailable(String agentId, boolean available, Position at) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO riders (agent_id, available, lat, lng, position_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET available = excluded.available, updated_at = excluded.updated_at,
                    lat = coalesce(excluded.lat, riders.lat), lng = coalesce(excluded.lng, riders.lng),
                    position_at = coalesce(excluded.position_at, riders.position_at)""")
                .params(agentId, available, at == null ? null : at.lat(), at == null ? null : at.lng(),
                        at == null ? null : now, now)
                .update();
    }

    /** The rider's latest position; a rider we did not know yet is recorded as not available. */
    public void moved(String agentId, RiderLocation location) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO riders (agent_id, available, lat, lng, heading, speed, accuracy, position_at, updated_at)
                VALUES (?, false, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET lat = excluded.lat, lng = excluded.lng, heading = excluded.heading,
                    speed = excluded.speed, accuracy = excluded.accuracy, position_at = excluded.position_at,
                    updated_at = excluded.updated_at""")
                .params(agentId, location.lat(), location.lng(), location.heading(), location.speed(),
                        location.accuracy(), now, now)
                .update();
    }

    public List<Rider> all(Duration onlineWithin) {
        return jdbc.sql("SELECT r.*, " + ACTIVE_JOBS + " AS active_jobs FROM riders r ORDER BY agent_id")
                .query((rs, row) -> map(rs, onlineWithin)).list();
    }

    public Optional<Rider> find(String agentId, Duration onlineWithin) {
        return jdbc.sql("SELECT r.*, " + ACTIVE_JOBS + " AS active_jobs FROM riders r WHERE agent_id = ?")
                .param(agentId).query((rs, row) -> map(rs, onlineWithin)).optional();
    }

    /**
     * The nearest rider to {@code from} within {@code maxKm} that is available, online, has a
     * position, has no live job and is not in {@code excluded}.
     */
    public Optional<Rider> nearestFree(Position from, double maxKm, Duration onlineWithin, Set<String> excluded) {
        return all(onlineWithin).stream()
                .filter(r -> r.available() && r.online() && r.activeJobs() == 0 && r.position() != null)
                .filter(r -> !excluded.contains(r.agentId()))
                .filter(r -> r.position().kmTo(from) <= maxKm)
                .min(Comparator.comparingDouble(r -> r.position().kmTo(from)));
    }

    private static Rider map(ResultSet rs, Duration onlineWithin) throws SQLException {
        Timestamp positionAt = rs.getTimestamp("position_at");
        Instant updatedAt = rs.getTimestamp("updated_at").toInstant();
        boolean available = rs.getBoolean("available");
        return new Rider(rs.getString("agent_id"), available,
                available && updatedAt.isAfter(Instant.now().minus(onlineWithin)),
                (Double) rs.getObject("lat"), (Double) rs.getObject("lng"), (Double) rs.getObject("heading"),
                positionAt == null ? null : positionAt.toInstant(), updatedAt, rs.getInt("active_jobs"));
    }
}
