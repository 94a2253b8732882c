package dev.orderflow.order.orders;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.DeliveryAddress;
import dev.orderflow.contracts.order.FieldChange;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.contracts.order.PaymentStatus;
import dev.orderflow.order.history.OrderHistory;
import dev.orderflow.order.idempotency.IdempotencyKeys;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.security.Sha256;
import dev.orderflow.platform.tracing.TraceContext;

/** {@code POST /orders}: the order, its first history row and {@code order.created} in one transaction. */
@Service
public class OrderCreation {

    private static final Logger log = LoggerFactory.getLogger(OrderCreation.class);

    private final OrderRepository orders;
    private final OrderHistory history;
    private final IdempotencyKeys idempotency;
    private final OrderEvents events;
    private final Pricing pricing;
    private final Workflow workflow;
    private final TraceContext trace;
    private final JsonMapper json;

    public OrderCreation(OrderRepository orders, OrderHistory history, IdempotencyKeys idempotency,
                         OrderEvents events, Pricing pricing, Workflow workflow, TraceContext trace, JsonMapper json) {
        this.orders = orders;
        this.history = history;
        this.idempotency = idempotency;
        this.events = events;
        this.pricing = pricing;
        this.workflow = workflow;
        this.trace = trace;
        this.json = json;
    }

    /** The created order, or with {@code replayed} the one an earlier request with the same key created. */
    public record Created(Order order, boolean replayed) {
    }

    @Transactional
    public Created create(Caller caller, NewOrder request, String idempotencyKey) {
        String customerId = customerOf(caller, request);
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            Optional<UUID> earlier = idempotency.claim(caller.userId(), idempotencyKey,
                    hash(customerId, request), id);
            if (earlier.isPresent()) {
                return new Created(orders.find(earlier.get()).orElseThrow(), true);
            }
        }
        List<OrderItem> items = request.items().stream()
                .map(i -> new OrderItem(i.sku(), i.name(), i.quantity(), i.unitPrice()))
                .toList();
        Pricing.Totals totals = pricing.of(items);
        NewOrder.Address a = request.deliveryAddress();
        Instant now = Instant.now();
        String traceId = trace.currentTraceId();
        Order order = new Order(id, orders.nextDisplayId(now.atZone(ZoneOffset.UTC).getYear()), customerId, items,
                totals.subtotal(), totals.tax(), totals.total(), request.currency(),
                new DeliveryAddress(a.line1(), a.city(), a.lat(), a.lng(), a.phone(), a.email()), request.pickupLocationId(),
                request.notes(), workflow.initial(), PaymentStatus.PENDING, false, null, 1, now, now, traceId,
                null, null, now);
        orders.insert(order);
        history.record(id, List.of(new FieldChange("status", null, order.status())), caller.userId(), "created",
                traceId, now, null);
        events.append(EventTypes.ORDER_CREATED, order.snapshot(workflow.cancelled(), null, null));
        log.atInfo().addKeyValue("event", "ORDER_CREATED").addKeyValue("orderId", id)
                .addKeyValue("total", order.total()).log("Order {} created", order.displayId());
        return new Created(order, false);
    }

    /** Customers order for themselves; staff may order on a customer's behalf; agents do not order. */
    private static String customerOf(Caller caller, NewOrder request) {
        if (caller.isStaff()) {
            return request.customerId() != null ? request.customerId() : caller.userId();
        }
        if (caller.isCustomer()) {
            if (request.customerId() != null && !request.customerId().equals(caller.userId())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "A customer can only order for itself");
            }
            return caller.userId();
        }
        throw new ApiException(ErrorCode.FORBIDDEN, "Only customers and staff create orders");
    }

    private String hash(String customerId, NewOrder request) {
        return Sha256.hex(json.writeValueAsBytes(List.of(customerId, request)));
    }
}
