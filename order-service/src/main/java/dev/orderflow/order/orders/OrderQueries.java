package dev.orderflow.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.order.history.HistoryEntry;
import dev.orderflow.order.history.OrderHistory;
import dev.orderflow.order.workflow.Workflow;
import dev.orderflow.platform.problem.ApiException;
import dev.orderflow.platform.security.Caller;
import dev.orderflow.platform.security.OtpSeal;

/**
 * Reads with the visibility rules of docs/contract.md §1. An order the caller may not see answers
 * ORDER_NOT_FOUND, not FORBIDDEN, so ids of other people's orders cannot be probed.
 */
@Service
public class OrderQueries {

    private final OrderRepository orders;
    private final OrderHistory history;
    private final Workflow workflow;
    private final OtpSeal otpSeal;

    public OrderQueries(OrderRepository orders, OrderHistory history, Workflow workflow, OtpSeal otpSeal) {
        this.otpSeal = otpSeal;
        this.orders = orders;
        this.history = history;
        this.workflow = workflow;
    }

    public Order visible(Caller caller, UUID id) {
        return orders.find(id)
                .filter(order -> caller.canSee(order.customerId(), order.agentId()))
                .orElseThrow(() -> OrderUpdates.notFound(id));
    }

    public List<HistoryEntry> history(Caller caller, UUID id) {
        visible(caller, id);
        return history.of(id);
    }

    public OrderPage page(Caller caller, int page, int pageSize, String status, Instant updatedSince) {
        String orderStatus = null;
        String dispatchStatus = null;
        if (status != null && !status.isBlank()) {
            orderStatus = workflow.status(status).orElse(null);
            if (orderStatus == null) {
                dispatchStatus = dispatchStatus(status);
            }
        }
        OrderRepository.Page result = orders.page(new OrderFilter(caller, orderStatus, dispatchStatus, updatedSince),
                page, pageSize);
        List<OrderSnapshot> items = result.orders().stream().map(o -> view(caller, o)).toList();
        return new OrderPage(items, page, pageSize, result.total());
    }

    /** The consolidated order as this caller sees it: the OTP only in the customer's own view. */
    public OrderSnapshot view(Caller caller, Order order) {
        boolean ownOrder = caller.isCustomer() && caller.userId().equals(order.customerId());
        return order.snapshot(workflow.cancelled(),
                ownOrder ? sealed -> otpSeal.open(sealed, order.dispatch().id()) : null, null);
    }

    private static String dispatchStatus(String status) {
        try {
            return DispatchStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "status: '" + status + "' is neither an order status nor a dispatch status");
        }
    }

    public record OrderPage(List<OrderSnapshot> items, int page, int pageSize, long total) {
    }
}
