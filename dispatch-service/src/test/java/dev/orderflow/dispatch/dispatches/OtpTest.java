package dev.orderflow.dispatch.dispatches;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery OTPs: six digits, stored salted and hashed, checked without Spring. */
class OtpTest {

    @Test
    void aCodeIsSixDigits() {
        for (int i = 0; i < 100; i++) {
            assertThat(Otp.newCode()).matches("\\d{6}");
        }
    }

    @Test
    void theStoredHashMatchesOnlyItsCodeAndIsSaltedEachTime() {
        String stored = Otp.hash("123456");

        assertThat(stored).matches("[0-9a-f]{32}:[0-9a-f]{64}").doesNotContain("123456");
        assertThat(Otp.matches("123456", stored)).isTrue();
        assertThat(Otp.matches("123457", stored)).isFalse();
        assertThat(Otp.matches(null, stored)).isFalse();
        assertThat(Otp.matches("123456", null)).isFalse();
        assertThat(Otp.hash("123456")).isNotEqualTo(stored);
    }
}
