package dev.orderflow.dispatch.kwik;

/** What create_task_via_vendor answered for the delivery task we track. */
public record KwikBooking(String jobId, String trackingUrl, String uniqueOrderId) {
}
