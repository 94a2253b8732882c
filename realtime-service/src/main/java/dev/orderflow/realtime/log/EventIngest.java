package dev.orderflow.realtime.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;
import dev.orderflow.realtime.fanout.FanOut;
import dev.orderflow.realtime.fanout.GatewayEvent;
import dev.orderflow.realtime.fanout.LocationThrottle;
import dev.orderflow.realtime.fanout.PayloadEncoder;
import dev.orderflow.realtime.fanout.Rooms;
import dev.orderflow.realtime.notifications.RecentNotifications;
import dev.orderflow.realtime.view.OrderChanged;
import dev.orderflow.realtime.view.OrderView;
import dev.orderflow.realtime.view.TrackedOrder;

/**
 * One Kafka record in: continue its trace, clean its data (no OTP ever leaves the gateway),
 * fold order snapshots into the view (older or repeated versions are dropped) and, when the
 * record is live, hand it to the fan-out. A record that cannot be read is logged and passed:
 * the gateway only reads, so a bad record must not stop the partition.
 */
@Component
public class EventIngest {

    private static final Logger log = LoggerFactory.getLogger(EventIngest.class);

    private final OrderView view;
    private final RecentNotifications notifications;
    private final FanOut fanOut;
    private final Tracer tracer;
    private final Propagator propagator;
    private final ApplicationEventPublisher events;
    private final LocationThrottle locations;
    private final PayloadEncoder encoder;

    public EventIngest(OrderView view, RecentNotifications notifications, FanOut fanOut,
                       ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, ApplicationEventPublisher events,
                       LocationThrottle locations, PayloadEncoder encoder) {
        this.encoder = encoder;
        this.events = events;
        this.locations = locations;
        this.view = view;
        this.notifications = notifications;
        this.fanOut = fanOut;
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    public void accept(ConsumerRecord<String, byte[]> record, boolean live) {
        Span span = propagator.extract(record.headers(), EventIngest::header)
                .name("realtime " + record.topic()).kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span); MDC.MDCCloseable order = MDC.putCloseable("orderId", record.key())) {
            process(record, live, span);
        } catch (RuntimeException e) {
            span.error(e);
            log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            if (Topics.ORDERS_EVENTS.equals(record.topic())) {
                view.skip(record.partition(), record.offset());
            }
        } finally {
            span.end();
        }
    }

    private void process(ConsumerRecord<String, byte[]> record, boolean live, Span span) {
        EventEnvelope envelope = CloudEventRecords.fromRecord(record);
        String traceId = envelope.traceId() != null ? envelope.traceId() : span.context().traceId();
        Map<String, Object> data = encoder.read(envelope.data());
        data.remove("otp");
        String orderId = text(data, envelope.subject(), "orderId");
        Instant occurredAt = envelope.time();
        switch (record.topic()) {
            case Topics.ORDERS_EVENTS -> {
                if (EventTypes.NOTIFICATION_CREATED.equals(envelope.type())) {
                    notification(record, envelope, data, orderId, traceId, live);
                    return;
                }
                orderId = text(data, envelope.subject(), "id");
                Map<?, ?> dispatch = data.get("dispatch") instanceof Map<?, ?> d ? d : Map.of();
                if (dispatch.containsKey("otp")) {
                    dispatch.remove("otp");
                }
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("orderId", orderId);
                payload.putAll(data);
                payload.put("traceId", traceId);
                payload.put("occurredAt", occurredAt.toString());
                long version = number(data.get("version"));
                String customerId = text(data, null, "customerId");
                String agentId = agentOf(data);
                TrackedOrder tracked = new TrackedOrder(orderId, customerId, agentId, version,
                        text(data, null, "status"), record.partition(), record.offset(),
                        number(dispatch.get("attempt")), number(dispatch.get("version")), encoder.raw(payload));
                if (view.apply(tracked) && live) {
                    TrackedOrder current = view.find(orderId).orElse(tracked);
                    events.publishEvent(new OrderChanged(current));
                    fanOut.publish(new GatewayEvent(envelope.type(), orderId, customerId, current.agentId(), version, traceId,
                            occurredAt, payload), view.cursor());
                }
            }
            case Topics.DISPATCH_EVENTS -> {
                String agentId = agentOf(Map.of("dispatch", data));
                String previousAgent = data.get("previousAgentId") instanceof String p && !p.equals(agentId) ? p : null;
                if (agentId != null || previousAgent != null) {
                    view.assignAgent(orderId, agentId, number(data.get("attempt")), number(data.get("version")));
                }
                if (previousAgent != null && live) {
                    // the rider who lost the job stops receiving the order at once, on every instance
                    fanOut.removeFromRoom(Rooms.delivery(previousAgent), Rooms.order(orderId));
                }
                publish(envelope.type(), orderId, agentId, number(data.get("version")), traceId, occurredAt, data, live);
            }
            default -> {
                if (EventTypes.COURIER_LOCATION.equals(envelope.type()) && !locations.admit(orderId)) {
                    return; // throttled: a newer position follows within the interval
                }
                String known = orderId;
                long version = view.find(orderId).map(TrackedOrder::version).orElse(0L);
                publish(envelope.type(), known, null, version, traceId, occurredAt, data, live);
            }
        }
    }

    /** A stored notification: remembered for catch-up, and pushed to its recipient when live. */
    private void notification(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, Map<String, Object> data,
                              String orderId, String traceId, boolean live) {
        data.putIfAbsent("traceId", traceId);
        long version = view.find(orderId).map(TrackedOrder::version).orElse(0L);
        GatewayEvent event = new GatewayEvent(envelope.type(), orderId, null, null, version,
                (String) data.get("traceId"), envelope.time(), data);
        notifications.record(record.partition(), record.offset(), event);
        if (live) {
            fanOut.publish(event, view.cursor());
        }
    }

    /** Dispatch and location events: the people concerned come from the view of the order. */
    private void publish(String type, String orderId, String agentId, long version, String traceId, Instant occurredAt,
                         Map<String, Object> data, boolean live) {
        if (!live || orderId == null) {
            return;
        }
        var order = view.find(orderId);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.putAll(data);
        payload.put("version", version);
        payload.put("traceId", traceId);
        payload.putIfAbsent("occurredAt", occurredAt.toString());
        fanOut.publish(new GatewayEvent(type, orderId, order.map(TrackedOrder::customerId).orElse(null),
                agentId != null ? agentId : order.map(TrackedOrder::agentId).orElse(null), version, traceId,
                occurredAt, payload), view.cursor());
    }

    /** The assigned agent: the order's {@code agentId}, else the driver's agent of its dispatch. */
    private static String agentOf(Map<String, Object> order) {
        if (order.get("agentId") instanceof String agent) {
            return agent;
        }
        if (order.get("dispatch") instanceof Map<?, ?> dispatch && dispatch.get("driver") instanceof Map<?, ?> driver
                && driver.get("agentId") instanceof String agent) {
            return agent;
        }
        return null;
    }

    private static String text(Map<String, Object> data, String fallback, String field) {
        return data.get(field) instanceof String s ? s : fallback;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
