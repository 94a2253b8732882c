package dev.orderflow.courier.inbox;

/** What became of a received callback. */
public enum InboxOutcome {
    /** Normalised and published (courier.status, and courier.location when it had coordinates). */
    PUBLISHED,
    /** Stored, but without an orderId to key an event by: kept and reported, not dropped. */
    UNMATCHED,
    /** Stored, but its status code is not one we can map; kept raw. */
    UNKNOWN_STATUS,
    /** A repeat of a callback already in the inbox: acknowledged again, nothing new. */
    DUPLICATE
}
