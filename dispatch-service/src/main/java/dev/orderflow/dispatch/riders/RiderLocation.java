package dev.orderflow.dispatch.riders;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** A position a rider reports (REST or its socket's {@code driver:location}). */
public record RiderLocation(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
        @DecimalMin("0") @DecimalMax("360") Double heading,
        @DecimalMin("0") @DecimalMax("100") Double speed,
        @DecimalMin("0") @DecimalMax("100000") Double accuracy) {

    public Position position() {
        return new Position(lat, lng);
    }
}
