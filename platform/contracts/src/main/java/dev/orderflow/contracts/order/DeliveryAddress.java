package dev.orderflow.contracts.order;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAddress(String line1, String city, Double lat, Double lng, String phone) {
}
