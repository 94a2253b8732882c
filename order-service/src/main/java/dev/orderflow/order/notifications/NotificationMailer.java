package dev.orderflow.order.notifications;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a notification's e-mail after the transaction that stored it committed, and retries a
 * failed send with a growing delay (a sweep also picks up what a restart left PENDING).
 * <p>
 * Never twice: a send first claims the row (PENDING → SENDING in one UPDATE), so two instances or a
 * sweep racing the first attempt cannot both send. A process that dies between handing the mail to
 * the SMTP server and recording SENT leaves the row SENDING, and it is not retried: a missed mail is
 * logged ({@code NOTIFICATION_EMAIL_STUCK}), a doubled one could not be taken back. Each message's
 * Message-ID is the notification id, so a receiving server can also drop a repeat.
 */
@Component
public class NotificationMailer {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Optional<JavaMailSender> sender;
    private final NotificationProperties.Mail config;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notification-mail");
        t.setDaemon(true);
        return t;
    });

    public NotificationMailer(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.config = properties.mail();
        this.sender = config.enabled() ? Optional.ofNullable(sender.getIfAvailable()) : Optional.empty();
        if (this.sender.isEmpty()) {
            log.warn("No mail sender (spring.mail.host unset or orderflow.notifications.mail.enabled=false): "
                    + "notification e-mails stay PENDING");
        } else {
            long sweep = config.sweep().toMillis();
            executor.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends these (committed) notifications' e-mails soon, off the caller's thread. */
    public void sendSoon(List<UUID> ids) {
        if (sender.isPresent() && !ids.isEmpty()) {
            executor.execute(() -> ids.forEach(this::attempt));
        }
    }

    /** Sends the e-mails whose retry is due. */
    void sweep() {
        try {
            jdbc.sql("""
                    SELECT id FROM notifications WHERE email_state = 'PENDING' AND email_next_at <= clock_timestamp()
                    ORDER BY email_next_at LIMIT 100""").query(UUID.class).list().forEach(this::attempt);
            jdbc.sql("""
                    SELECT id FROM notifications WHERE email_state = 'SENDING' AND email_next_at < :stuck LIMIT 100""")
                    .param("stuck", Timestamp.from(Instant.now().minus(STUCK_AFTER))).query(UUID.class).list()
                    .forEach(this::giveUpStuck);
        } catch (RuntimeException e) {
            log.warn("Notification mail sweep failed: {}", e.toString());
        }
    }

    private void attempt(UUID id) {
        Optional<Claimed> claimed = jdbc.sql("""
                UPDATE notifications SET email_state = 'SENDING', email_attempts = email_attempts + 1,
                    email_next_at = clock_timestamp()
                WHERE id = :id AND email_state = 'PENDING'
                RETURNING email_to, title, email_body, email_attempts""")
                .param("id", id)
                .query((rs, row) -> new Claimed(rs.getString("email_to"), rs.getString("title"),
                        rs.getString("email_body"), rs.getInt("email_attempts")))
                .optional();
        if (claimed.isEmpty()) {
            return; // sent, being sent, or given up
        }
        Claimed mail = claimed.get();
        try {
            send(id, mail);
            jdbc.sql("UPDATE notifications SET email_state = 'SENT', email_sent_at = clock_timestamp() WHERE id = :id")
                    .param("id", id).update();
            log.atInfo().addKeyValue("event", "NOTIFICATION_EMAIL_SENT").addKeyValue("notificationId", id)
                    .log("Notification e-mail {} sent (attempt {})", id, mail.attempts());
        } catch (MailException | MessagingException e) {
            boolean last = mail.attempts() >= config.maxAttempts();
            Duration wait = config.retryDelay().multipliedBy(1L << Math.min(mail.attempts() - 1, 10));
            jdbc.sql("UPDATE notifications SET email_state = :state, email_next_at = :next WHERE id = :id")
                    .param("state", last ? "FAILED" : "PENDING").param("next", Timestamp.from(Instant.now().plus(wait)))
                    .param("id", id).update();
            log.atWarn().addKeyValue("event", last ? "NOTIFICATION_EMAIL_FAILED" : "NOTIFICATION_EMAIL_RETRY")
                    .addKeyValue("notificationId", id)
                    .log("Notification e-mail {} attempt {} failed{}: {}", id, mail.attempts(),
                            last ? ", giving up" : ", retrying in " + wait, e.toString());
        }
    }

    private void send(UUID id, Claimed mail) throws MessagingException {
        JavaMailSender mailSender = sender.orElseThrow();
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(config.from());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.body());
        message.saveChanges();
        message.setHeader("Message-ID", "<" + id + "@orderflow>");
        message.setHeader("X-Orderflow-Notification", id.toString());
        mailSender.send(message);
    }

    private void giveUpStuck(UUID id) {
        if (jdbc.sql("UPDATE notifications SET email_state = 'FAILED' WHERE id = :id AND email_state = 'SENDING'")
                .param("id", id).update() == 1) {
            log.atError().addKeyValue("event", "NOTIFICATION_EMAIL_STUCK").addKeyValue("notificationId", id)
                    .log("Notification e-mail {} was being sent when its sender stopped; not resent (it may have gone out)", id);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private record Claimed(String to, String subject, String body, int attempts) {
    }
}
