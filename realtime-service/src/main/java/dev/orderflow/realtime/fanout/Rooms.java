package dev.orderflow.realtime.fanout;

/** Room names of docs/contract.md §5. */
public final class Rooms {

    public static final String ADMIN = "admin";
    public static final String DELIVERY = "delivery";
    public static final String ORDER_PREFIX = "order:";

    private Rooms() {
    }

    public static String order(String orderId) {
        return ORDER_PREFIX + orderId;
    }

    public static String user(String userId) {
        return "user:" + userId;
    }

    public static String delivery(String agentId) {
        return "delivery:" + agentId;
    }
}
