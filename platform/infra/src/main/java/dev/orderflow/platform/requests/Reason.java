package dev.orderflow.platform.requests;

import jakarta.validation.constraints.Size;

import dev.orderflow.platform.validation.PlainText;

/** The optional free-text reason of a cancel or re-dispatch request. */
public record Reason(@Size(max = 1000) @PlainText(multiline = true) String reason) {
}
