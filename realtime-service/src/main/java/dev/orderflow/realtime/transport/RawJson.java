package dev.orderflow.realtime.transport;

/**
 * A payload serialised once, sent to many clients as is: a room of 5,000 clients costs one
 * JSON encoding, not 5,000 (see {@link PreEncodedJsonSupport}).
 */
public record RawJson(byte[] bytes) {
}
