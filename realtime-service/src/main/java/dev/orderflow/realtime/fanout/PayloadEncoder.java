package dev.orderflow.realtime.fanout;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.realtime.transport.RawJson;

/** Serialises a payload once, for every recipient. */
@Component
public class PayloadEncoder {

    private final JsonMapper mapper;

    public PayloadEncoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public RawJson raw(Map<String, Object> payload) {
        return new RawJson(mapper.writeValueAsBytes(payload));
    }

    public String text(Map<String, Object> payload) {
        return mapper.writeValueAsString(payload);
    }

    /** A JSON object as a map (mutable, members in their order): an event's data, or a payload kept as JSON. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> read(byte[] json) {
        return mapper.readValue(json, LinkedHashMap.class);
    }
}
