package dev.orderflow.platform.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

/**
 * One Kafka listener's events, applied at most once: reads the CloudEvent, looks up the handler of
 * its type, and runs it in the transaction that records the event id under this consumer's name in
 * {@link ProcessedEvents}, so a redelivery changes nothing. Types without a handler are skipped.
 * Built by {@link IdempotentConsumers#named}; the table is set up once, in the listener's constructor.
 */
public final class IdempotentConsumer {

    private final String name;
    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Map<String, Handler<?>> once = new LinkedHashMap<>();
    private final Map<String, List<Handler<?>>> afterCommit = new LinkedHashMap<>();

    IdempotentConsumer(String name, ProcessedEvents processed, JsonMapper json, TransactionTemplate tx) {
        this.name = name;
        this.processed = processed;
        this.json = json;
        this.tx = tx;
    }

    public String name() {
        return name;
    }

    public <T> IdempotentConsumer on(String type, Class<T> dataType, BiConsumer<EventEnvelope, T> handler) {
        return on(Set.of(type), dataType, handler);
    }

    /** Applies events of these types once, in the transaction that marks them processed. */
    public <T> IdempotentConsumer on(Collection<String> types, Class<T> dataType, BiConsumer<EventEnvelope, T> handler) {
        return onThen(types, dataType, (event, data) -> {
            handler.accept(event, data);
            return null;
        });
    }

    /**
     * As {@link #on}; the handler may return what to do once that transaction has committed (or null),
     * e.g. a call to the outside world that must not hold the transaction open.
     */
    public <T> IdempotentConsumer onThen(Collection<String> types, Class<T> dataType,
                                         BiFunction<EventEnvelope, T, Runnable> handler) {
        types.forEach(type -> once.put(type, new Handler<>(dataType, handler)));
        return this;
    }

    /**
     * After that transaction, on every delivery of these types, a redelivery too: for effects that
     * are idempotent themselves and must not be lost when the process stops between the commit and
     * the effect. A record is parsed once: these handlers get the very object the one of {@link #on} got.
     */
    public <T> IdempotentConsumer afterCommit(Collection<String> types, Class<T> dataType,
                                              BiConsumer<EventEnvelope, T> handler) {
        types.forEach(type -> afterCommit.computeIfAbsent(type, t -> new ArrayList<>()).add(new Handler<>(dataType,
                (event, data) -> {
                    handler.accept(event, data);
                    return null;
                })));
        return this;
    }

    /** @return whether the event was applied now (false: not ours, or applied before) */
    public boolean accept(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventRecords.typeOf(record);
        if (type != null && !once.containsKey(type) && !afterCommit.containsKey(type)) {
            return false; // not ours (most of a shared topic): skipped on its header, nothing parsed
        }
        EventEnvelope event = CloudEventRecords.fromRecord(record);
        Data data = new Data(event.data());
        Handler<?> handler = once.get(event.type());
        Runnable[] followUp = {null};
        boolean applied = handler != null && Boolean.TRUE.equals(tx.execute(status -> {
            if (!processed.firstDelivery(name, event.id())) {
                return false;
            }
            followUp[0] = handler.apply(event, data);
            return true;
        }));
        if (followUp[0] != null) {
            followUp[0].run();
        }
        afterCommit.getOrDefault(event.type(), List.of()).forEach(h -> h.apply(event, data));
        return applied;
    }

    private record Handler<T>(Class<T> dataType, BiFunction<EventEnvelope, T, Runnable> action) {

        Runnable apply(EventEnvelope event, Data data) {
            return action.apply(event, data.as(dataType));
        }
    }

    /** One record's data, parsed once per type its handlers ask for, when first asked: they share the object. */
    private final class Data {

        private final byte[] bytes;
        private final Map<Class<?>, Object> parsed = new HashMap<>(2);

        Data(byte[] bytes) {
            this.bytes = bytes;
        }

        <T> T as(Class<T> type) {
            return type.cast(parsed.computeIfAbsent(type, t -> json.readValue(bytes, t)));
        }
    }
}
