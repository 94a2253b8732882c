package dev.orderflow.realtime.transport;

import java.io.IOException;
import java.util.List;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * netty-socketio's JSON support, except that an event argument that is a {@link RawJson} is
 * copied into the frame instead of being serialised again for every recipient.
 */
final class PreEncodedJsonSupport implements JsonSupport {

    private final JsonSupport delegate = new JacksonJsonSupport();
    private final JsonMapper mapper;

    PreEncodedJsonSupport(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void writeValue(ByteBufOutputStream out, Object value) throws IOException {
        if (value instanceof List<?> values && values.stream().anyMatch(RawJson.class::isInstance)) {
            out.writeByte('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                Object element = values.get(i);
                out.write(element instanceof RawJson raw ? raw.bytes() : mapper.writeValueAsBytes(element));
            }
            out.writeByte(']');
            return;
        }
        delegate.writeValue(out, value);
    }

    @Override
    public AckArgs readAckArgs(ByteBufInputStream src, AckCallback<?> callback) throws IOException {
        return delegate.readAckArgs(src, callback);
    }

    @Override
    public <T> T readValue(String namespaceName, ByteBufInputStream src, Class<T> valueType) throws IOException {
        return delegate.readValue(namespaceName, src, valueType);
    }

    @Override
    public void addEventMapping(String namespaceName, String eventName, Class<?>... eventClass) {
        delegate.addEventMapping(namespaceName, eventName, eventClass);
    }

    @Override
    public void removeEventMapping(String namespaceName, String eventName) {
        delegate.removeEventMapping(namespaceName, eventName);
    }

    @Override
    public List<byte[]> getArrays() {
        return delegate.getArrays();
    }
}
