package dev.orderflow.dispatch.gate;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.platform.events.CloudEventRecords;

/**
 * Which orders.events records can change what the gate knows. Most of them are an order's status
 * moving along the workflow or its dispatch folding in: they neither pay, nor make ready, nor cancel,
 * and the delivery stop never changes after creation. Taking each through a transaction and a full
 * parse was about half of dispatch-service's CPU per change (docs/performance.md), so an
 * {@code order.updated} whose {@code changes} name only such fields, on an order that is not
 * cancelled, is skipped after a token scan of the payload: no object built, no transaction. Its
 * newer version is not stored, which is harmless: the next event that matters carries the whole
 * order, and the gate keeps the newest version it stored. Anything else — another type, a field not
 * known here, a payload that does not read — goes the full way, as before.
 */
@Component
public final class GateFacts {

    /** Order fields whose change the gate ignores (it reads paymentStatus, readyForDispatch, cancellation, the stop). */
    static final Set<String> IGNORED_CHANGES = Set.of("status", "dispatchStatus");

    private final JsonMapper json;

    public GateFacts(JsonMapper json) {
        this.json = json;
    }

    /** Whether the gate (or the cancellation of a dispatch) may need {@code record}. */
    public boolean mayMatter(ConsumerRecord<String, byte[]> record) {
        if (!EventTypes.ORDER_UPDATED.equals(CloudEventRecords.typeOf(record)) || record.value() == null) {
            return true;
        }
        try (JsonParser parser = json.createParser(record.value())) {
            return mayMatter(parser);
        } catch (JacksonException unreadable) {
            return true; // the consumer parks it, as any malformed record
        }
    }

    private static boolean mayMatter(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return true;
        }
        boolean changesSeen = false;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (name.equals("cancelledAt") && value != JsonToken.VALUE_NULL) {
                return true;
            }
            if (name.equals("changes")) {
                if (value != JsonToken.START_ARRAY || changesOutsideTheGate(parser)) {
                    return true;
                }
                changesSeen = true;
            } else {
                parser.skipChildren();
            }
        }
        return !changesSeen;
    }

    /** Reads the {@code changes} array; true as soon as one names a field the gate may care about. */
    private static boolean changesOutsideTheGate(JsonParser parser) {
        for (JsonToken change = parser.nextToken(); change != JsonToken.END_ARRAY; change = parser.nextToken()) {
            if (change != JsonToken.START_OBJECT) {
                return true;
            }
            String field = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (name.equals("field") && value == JsonToken.VALUE_STRING) {
                    field = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            if (field == null || !IGNORED_CHANGES.contains(field)) {
                return true;
            }
        }
        return false;
    }
}
