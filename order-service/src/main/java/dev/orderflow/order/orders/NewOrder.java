package dev.orderflow.order.orders;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.orderflow.platform.validation.PlainText;

/**
 * The body of {@code POST /orders}. Money arrives as a decimal (string or number), never rounded here.
 * Every string is bounded and free of control characters, so the largest order (and so the largest
 * event about it) is bounded too (docs/security.md §Sizes); the total's range is checked by {@link Pricing}.
 */
public record NewOrder(
        @Size(max = 128) @PlainText String customerId,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull Item> items,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as NGN") String currency,
        @NotNull @Valid Address deliveryAddress,
        @Size(max = 128) @PlainText String pickupLocationId,
        @Size(max = 2000) @PlainText(multiline = true) String notes) {

    public record Item(
            @NotBlank @Size(max = 64) @PlainText String sku,
            @NotBlank @Size(max = 200) @PlainText String name,
            @NotNull @Min(1) @Max(10_000) Integer quantity,
            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {
    }

    public record Address(
            @NotBlank @Size(max = 300) @PlainText String line1,
            @NotBlank @Size(max = 100) @PlainText String city,
            @DecimalMin("-90") @DecimalMax("90") Double lat,
            @DecimalMin("-180") @DecimalMax("180") Double lng,
            @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number") String phone,
            @Email @Size(max = 254) String email) {
    }
}
