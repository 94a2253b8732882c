package dev.orderflow.contracts.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.orderflow.contracts.dispatch.DispatchSnapshot;

/**
 * The consolidated order (docs/contract.md §2): the REST representation and the data of every
 * {@code orders.events} record, so no consumer ever needs a second call. {@code status} is a
 * String because the workflow is configuration. {@code changes} is set on {@code order.updated},
 * {@code reason} and {@code cancelledAt} on {@code order.cancelled}. {@code statusChangedAt} is when the
 * order entered its current status (the boards' "time in state").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderSnapshot(
        String id,
        String displayId,
        String customerId,
        List<OrderItem> items,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal subtotal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal tax,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        String currency,
        DeliveryAddress deliveryAddress,
        String pickupLocationId,
        String notes,
        String status,
        PaymentStatus paymentStatus,
        boolean readyForDispatch,
        DispatchGate dispatchGate,
        DispatchSnapshot dispatch,
        String agentId,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String traceId,
        List<FieldChange> changes,
        String reason,
        Instant cancelledAt,
        Instant statusChangedAt) {
}
