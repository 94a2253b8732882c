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

    /** A payload kept as JSON, as a map again (mutable, members in their order). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> read(RawJson payload) {
        return mapper.readValue(payload.bytes(), LinkedHashMap.class);
    }
}
