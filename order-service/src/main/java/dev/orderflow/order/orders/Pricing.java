package dev.orderflow.order.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.contracts.order.OrderItem;
import dev.orderflow.platform.problem.ApiException;

/** Subtotal, tax and total in exact decimals, rounded half-up to the cent once, at the tax. */
@Component
public class Pricing {

    /** The money columns are numeric(14, 2): below 10^12. */
    public static final BigDecimal LIMIT = new BigDecimal("1000000000000");

    private final BigDecimal taxRate;

    public Pricing(@Value("${orderflow.pricing.tax-rate:0}") BigDecimal taxRate) {
        this.taxRate = taxRate;
    }

    public Totals of(List<OrderItem> items) {
        BigDecimal subtotal = items.stream()
                .map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = subtotal.multiply(taxRate).setScale(2, RoundingMode.HALF_UP);
        BigDecimal total = subtotal.add(tax);
        if (total.compareTo(LIMIT) >= 0) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "total: must be less than " + LIMIT.toPlainString());
        }
        return new Totals(subtotal, tax, total);
    }

    public record Totals(BigDecimal subtotal, BigDecimal tax, BigDecimal total) {
    }
}
