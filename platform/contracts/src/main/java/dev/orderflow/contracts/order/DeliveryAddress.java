package dev.orderflow.contracts.order;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where an order goes; {@code email} (optional) is where the customer's e-mail notifications go. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAddress(String line1, String city, Double lat, Double lng, String phone, String email) {

    public DeliveryAddress(String line1, String city, Double lat, Double lng, String phone) {
        this(line1, city, lat, lng, phone, null);
    }
}
