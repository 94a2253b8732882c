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

    /** The order id of an {@code order:{id}} room, or null for any other room. */
    public static String orderIdOf(String room) {
        return room.startsWith(ORDER_PREFIX) ? room.substring(ORDER_PREFIX.length()) : null;
    }

    public static String user(String userId) {
        return "user:" + userId;
    }

    public static String delivery(String agentId) {
        return "delivery:" + agentId;
    }
}
