package dev.orderflow.platform.requests;

import jakarta.validation.constraints.Size;

/** The optional free-text reason of a cancel or re-dispatch request. */
public record Reason(@Size(max = 1000) String reason) {
}
