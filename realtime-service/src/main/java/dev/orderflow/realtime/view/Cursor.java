package dev.orderflow.realtime.view;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A position in {@code orders.events}: for each partition, the offset of the next record not
 * yet seen. Kafka offsets are the same for every gateway instance, so a cursor issued by one
 * instance means the same thing to any other (and to a restarted one). Opaque to clients.
 */
public record Cursor(Map<Integer, Long> nextOffsets) {

    private static final String PREFIX = "c1.";

    public Cursor {
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public long nextOffset(int partition) {
        return nextOffsets.getOrDefault(partition, 0L);
    }

    public String encode() {
        StringBuilder plain = new StringBuilder();
        new TreeMap<>(nextOffsets).forEach((p, o) -> plain.append(plain.isEmpty() ? "" : ",").append(p).append(':').append(o));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(plain.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor, or empty when {@code text} is not one of ours (then nothing can be recovered). */
    public static Optional<Cursor> decode(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > 4096) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.substring(PREFIX.length())), StandardCharsets.US_ASCII);
            Map<Integer, Long> offsets = new TreeMap<>();
            for (String entry : plain.split(",")) {
                String[] parts = entry.split(":");
                long offset = Long.parseLong(parts[1]);
                if (parts.length != 2 || offset < 0) {
                    return Optional.empty();
                }
                offsets.put(Integer.parseInt(parts[0]), offset);
            }
            return Optional.of(new Cursor(offsets));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
