package dev.orderflow.order.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inbox tables: notifications (written once per source event, rule and recipient) and per-reader read state. */
@Repository
public class NotificationStore {

    /** A notification as {@link #map} reads it, but for the reader's {@code read_at}. */
    private static final String STORED_COLUMNS = """
            n.id, n.user_id, n.audience, n.type, n.priority, n.title, n.message, n.order_id, n.created_at,
            n.trace_id""";
    private static final String COLUMNS = STORED_COLUMNS + ", r.read_at";

    private final JdbcClient jdbc;

    public NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores it unless this event already made it for this rule and recipient; empty for a repeat. One
     * statement: the stored row comes back with RETURNING (a new notification has no reads yet).
     */
    public Optional<Notification> insert(UUID id, NotificationRules.Planned p, UUID orderId, String traceId,
                                         String sourceEventId) {
        Instant now = Instant.now();
        return jdbc.sql("""
                INSERT INTO notifications AS n (id, recipient, user_id, audience, type, rule, priority, title, message,
                    order_id, created_at, trace_id, source_event_id, email_to, email_state, email_next_at, email_body)
                VALUES (:id, :recipient, :userId, :audience, :type, :rule, :priority, :title, :message,
                    :orderId, clock_timestamp(), :traceId, :source, :emailTo, :emailState, :now, :emailBody)
                ON CONFLICT (source_event_id, rule, recipient) DO NOTHING
                """ + "RETURNING " + STORED_COLUMNS + ", NULL::timestamptz AS read_at")
                .param("id", id).param("recipient", p.recipient()).param("userId", p.userId())
                .param("audience", p.audience().name()).param("type", p.type()).param("rule", p.rule())
                .param("priority", p.priority()).param("title", p.title()).param("message", p.message())
                .param("orderId", orderId).param("traceId", traceId).param("source", sourceEventId)
                .param("emailTo", p.emailTo()).param("emailState", p.emailTo() == null ? null : "PENDING")
                .param("now", Timestamp.from(now)).param("emailBody", p.emailBody())
                .query(NotificationStore::map).optional();
    }

    public Optional<Notification> find(UUID id, String reader) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM notifications n
                LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader = :reader
                WHERE n.id = :id""")
                .param("id", id).param("reader", reader).query(NotificationStore::map).optional();
    }

    /** Newest first; {@code since} (exclusive) and {@code unreadOnly} narrow it. */
    public List<Notification> page(Collection<String> recipients, String reader, Instant since, boolean unreadOnly,
                                   int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notifications n " + readJoin() + where(since, unreadOnly)
                        + " ORDER BY n.created_at DESC, n.id DESC OFFSET :offset LIMIT :limit")
                .param("recipients", recipients).param("reader", reader)
                .param("since", since == null ? null : Timestamp.from(since))
                .param("offset", offset).param("limit", limit)
                .query(NotificationStore::map).list();
    }

    public long count(Collection<String> recipients, String reader, Instant since, boolean unreadOnly) {
        return jdbc.sql("SELECT count(*) FROM notifications n " + readJoin() + where(since, unreadOnly))
                .param("recipients", recipients).param("reader", reader)
                .param("since", since == null ? null : Timestamp.from(since))
                .query(Long.class).single();
    }

    /** Marks it read for {@code reader} if it is theirs; the first read time sticks. False when not theirs. */
    public boolean markRead(UUID id, Collection<String> recipients, String reader) {
        boolean visible = jdbc.sql("SELECT count(*) FROM notifications WHERE id = :id AND recipient IN (:recipients)")
                .param("id", id).param("recipients", recipients).query(Long.class).single() == 1;
        if (visible) {
            jdbc.sql("""
                    INSERT INTO notification_reads (notification_id, reader, read_at) VALUES (:id, :reader, clock_timestamp())
                    ON CONFLICT DO NOTHING""").param("id", id).param("reader", reader).update();
        }
        return visible;
    }

    /** Marks every unread one read for {@code reader}; returns how many. */
    public int markAllRead(Collection<String> recipients, String reader) {
        return jdbc.sql("""
                INSERT INTO notification_reads (notification_id, reader, read_at)
                SELECT n.id, :reader, clock_timestamp() FROM notifications n
                WHERE n.recipient IN (:recipients)
                ON CONFLICT DO NOTHING""").param("recipients", recipients).param("reader", reader).update();
    }

    private static String readJoin() {
        return "LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader = :reader ";
    }

    private static String where(Instant since, boolean unreadOnly) {
        return "WHERE n.recipient IN (:recipients)"
                + (since == null ? "" : " AND n.created_at > :since")
                + (unreadOnly ? " AND r.read_at IS NULL" : "");
    }

    private static Notification map(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Notification(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("audience"),
                rs.getString("type"), rs.getString("priority"), rs.getString("title"), rs.getString("message"),
                rs.getObject("order_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant(), rs.getString("trace_id"));
    }
}
