package dev.orderflow.contracts.order;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

public record OrderItem(String sku, String name, int quantity,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {
}
