package dev.orderflow.realtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

import dev.orderflow.realtime.RealtimeProperties;
import dev.orderflow.realtime.fanout.GatewayEvent;
import dev.orderflow.realtime.fanout.PayloadEncoder;
import dev.orderflow.realtime.notifications.RecentNotifications;
import dev.orderflow.realtime.view.OrderView;
import dev.orderflow.realtime.view.TrackedOrder;

/**
 * Heap per entry of what the gateway keeps (docs/performance.md, "The gateway's view of orders"), side
 * by side in one JVM: the order of its view as now ({@link TrackedOrder} with the payload's JSON) and
 * as before (the same fields with the parsed map), and a stored notification kept for catch-up as now
 * ({@link RecentNotifications}, its data as JSON) and as before (the event with its parsed data). N
 * realistic entries each, parsed the way EventIngest parses them; heap used after a full GC / N. Prints one JSON line for
 * realtime-service/bench/run.sh, which renders it in the "Memory" part of docs/benchmarks.md.
 *   java -cp <realtime-service test classpath> dev.orderflow.realtime.bench.ViewMemoryBenchmark [orders]
 */
public final class ViewMemoryBenchmark {

    /** The view's entry as it was until 2026-11-30: the consolidated order as a parsed map. */
    private record ParsedEntry(String orderId, String customerId, String agentId, long version, String status,
                               int partition, long offset, Map<String, Object> payload) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        PayloadEncoder encoder = new PayloadEncoder(MAPPER);
        perEntryKiB(orders / 10, i -> payload(i)); // warm up the parser first
        double asJson = perEntryKiB(orders, i -> {
            Map<String, Object> payload = payload(i);
            return new TrackedOrder((String) payload.get("orderId"), (String) payload.get("customerId"), null, 8,
                    "DELIVERED", 0, i, 1, 5, encoder.raw(payload));
        });
        double asMap = perEntryKiB(orders, i -> {
            Map<String, Object> payload = payload(i);
            return new ParsedEntry((String) payload.get("orderId"), (String) payload.get("customerId"), null, 8,
                    "DELIVERED", 0, i, payload);
        });
        // the stored notifications kept for catch-up: now through RecentNotifications itself, before as parsed events
        RealtimeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "orderflow.realtime.max-notifications", String.valueOf(orders))))
                .bindOrCreate("orderflow.realtime", RealtimeProperties.class);
        OrderView view = new OrderView(properties);
        view.startPartition(0, 0);
        RecentNotifications recent = new RecentNotifications(view, properties, encoder);
        double notificationAsJson = perEntryKiB(orders, i -> {
            recent.record(0, i, notification(i));
            return null;
        });
        double notificationAsMap = perEntryKiB(orders, i -> new ParsedNotification(0, i, "user:customer-" + i, notification(i)));
        RealtimeProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("orderflow.realtime", RealtimeProperties.class);
        System.out.printf(Locale.ROOT, "{\"mode\":\"view\",\"orders\":%d,\"jsonKiB\":%.2f,\"mapKiB\":%.2f,"
                        + "\"notificationJsonKiB\":%.2f,\"notificationMapKiB\":%.2f,\"maxOrders\":%d,\"maxNotifications\":%d}%n",
                orders, asJson, asMap, notificationAsJson, notificationAsMap, defaults.maxOrders(), defaults.maxNotifications());
        Reference.reachabilityFence(recent);
    }

    /** A kept notification as it was until 2026-11-30: the event with its parsed data. */
    private record ParsedNotification(int partition, long offset, String room, GatewayEvent event) {
    }

    /** A customer's notification as orders.events carries it, parsed as EventIngest does. */
    @SuppressWarnings("unchecked")
    private static GatewayEvent notification(int i) {
        String orderId = UUID.randomUUID().toString();
        String json = """
                {"id":"%s","recipient":"user","userId":"customer-%2$d","audience":"CUSTOMER","type":"order.updated","priority":"normal",                "title":"Order ORD-2026-%2$06d is on its way","message":"Order ORD-2026-%2$06d is on its way: Ibrahim Musa is bringing it.",                "orderId":"%3$s","createdAt":"2026-11-30T07:19:%4$02d.%2$06dZ","traceId":"%5$s"}"""
                .formatted(UUID.randomUUID(), i, orderId, i % 60, UUID.randomUUID().toString().replace("-", ""));
        Map<String, Object> data = MAPPER.readValue(json, LinkedHashMap.class);
        return new GatewayEvent("notification.created", orderId, null, null, 0, (String) data.get("traceId"),
                Instant.parse("2026-11-30T07:19:00Z").plusMillis(i), data);
    }

    private static double perEntryKiB(int orders, IntFunction<Object> entry) {
        Object[] kept = new Object[orders]; // entries that keep themselves (the notifications) return null
        long before = usedAfterGc();
        for (int i = 0; i < orders; i++) {
            kept[i] = entry.apply(i);
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(kept);
        return (after - before) / (double) orders / 1024;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A delivered Kwik order as orders.events carries it (own ids, times and names), parsed as EventIngest does. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(int i) {
        String orderId = UUID.randomUUID().toString();
        String at = "2026-11-30T07:23:%02d.%09dZ".formatted(i % 60, i);
        String json = """
                {"id":"%1$s","displayId":"ORD-2026-%2$06d","customerId":"customer-%2$d","items":[{"sku":"SKU-%3$d","name":"Paracetamol 500mg","quantity":2,"unitPrice":"3.00"}],\
                "subtotal":"6.00","tax":"0.45","total":"6.45","currency":"NGN","deliveryAddress":{"line1":"%2$d Test Street","city":"Lagos"},\
                "status":"DELIVERED","paymentStatus":"PAID","readyForDispatch":true,"dispatchGate":{"paid":true,"ready":true,"open":true},\
                "dispatch":{"id":"%4$s","orderId":"%1$s","status":"DELIVERED","previousStatus":"IN_TRANSIT","provider":"KWIK","providerJobId":"%2$d",\
                "trackingUrl":"http://localhost:8085/sandbox/track/KWK%2$07d","driver":{"name":"Ibrahim Musa","phone":"+23480300%2$05d"},"attempt":1,\
                "version":5,"updatedAt":"%5$s","changedBy":"kwik","note":"courier webhook"},"version":8,"createdAt":"%5$s","updatedAt":"%5$s",\
                "traceId":"%6$s","changes":[{"field":"dispatchStatus","from":"IN_TRANSIT","to":"DELIVERED"},\
                {"field":"status","from":"OUT_FOR_DELIVERY","to":"DELIVERED"}],"statusChangedAt":"%5$s"}"""
                .formatted(orderId, i, i % 500, UUID.randomUUID(), at, UUID.randomUUID().toString().replace("-", ""));
        Map<String, Object> data = MAPPER.readValue(json, LinkedHashMap.class);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", orderId);
        payload.putAll(data);
        payload.put("occurredAt", at);
        return payload;
    }
}
