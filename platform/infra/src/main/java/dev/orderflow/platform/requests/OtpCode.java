package dev.orderflow.platform.requests;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The delivery OTP a rider enters. */
public record OtpCode(@NotNull @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String code) {
}
