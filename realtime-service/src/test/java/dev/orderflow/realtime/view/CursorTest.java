package dev.orderflow.realtime.view;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The opaque catch-up cursor, without Spring. */
class CursorTest {

    @Test
    void encodesAndDecodesEveryPartitionsNextOffset() {
        Cursor cursor = new Cursor(Map.of(0, 12L, 2, 7L, 1, 0L));

        String text = cursor.encode();

        assertThat(text).startsWith("c1.");
        assertThat(Cursor.decode(text)).contains(cursor);
        assertThat(cursor.nextOffset(2)).isEqualTo(7);
        assertThat(cursor.nextOffset(5)).as("an unseen partition starts at 0").isZero();
    }

    @Test
    void theSameOffsetsGiveTheSameTextWhateverTheirOrder() {
        assertThat(new Cursor(Map.of(1, 3L, 0, 4L)).encode()).isEqualTo(new Cursor(Map.of(0, 4L, 1, 3L)).encode());
    }

    @Test
    void anythingNotOursDecodesToNothing() {
        assertThat(Cursor.decode(null)).isEmpty();
        assertThat(Cursor.decode("")).isEmpty();
        assertThat(Cursor.decode("c2.MDox")).isEmpty();
        assertThat(Cursor.decode("c1.!!!")).isEmpty();
        assertThat(Cursor.decode("c1." + java.util.Base64.getUrlEncoder().encodeToString("0:-1".getBytes()))).isEmpty();
        assertThat(Cursor.decode("c1." + java.util.Base64.getUrlEncoder().encodeToString("0".getBytes()))).isEmpty();
        assertThat(Cursor.decode("c1." + "A".repeat(5000))).isEmpty();
    }
}
