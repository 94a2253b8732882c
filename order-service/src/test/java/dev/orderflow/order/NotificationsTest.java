package dev.orderflow.order;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import dev.orderflow.contracts.EventTypes;
import dev.orderflow.contracts.Topics;
import dev.orderflow.contracts.dispatch.DispatchSnapshot;
import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.order.OrderSnapshot;
import dev.orderflow.contracttesting.AsyncApiContract;
import dev.orderflow.embedded.TopicReader;
import dev.orderflow.order.notifications.NotificationInbox;
import dev.orderflow.order.notifications.OtpLockNotifier;
import dev.orderflow.order.notifications.Trigger;
import dev.orderflow.platform.events.CloudEventRecords;
import dev.orderflow.platform.events.EventEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox on the real pipeline (the change's transaction: rules → inbox → outbox → Debezium → Kafka,
 * SMTP to an in-process GreenMail): an order's life notifies customer, rider and staff as the default
 * rules say, exactly once each even when Kafka delivers every event twice; the delivered e-mail
 * arrives once; polling, read state and the API's errors.
 */
class NotificationsTest extends OrderServiceTestBase {

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private NotificationInbox inbox;
    @Autowired
    private TransactionTemplate tx;
    @Autowired
    private OtpLockNotifier otpLocks;
    @Autowired
    private dev.orderflow.order.orders.OrderEvents orderEvents;

    @BeforeEach
    @AfterEach
    void mailServerUp() {
        MAIL.up();
    }

    @Test
    void anOrdersLifeNotifiesCustomerRiderAndStaffExactlyOnceEachAndMailsTheDeliveryOnce() throws Exception {
        String customer = newUser();
        String email = customer + "@example.com";
        String rider = newUser();
        String id = createOrder(customer, email);
        // the payment moves the order to CONFIRMED (the workflow's payment-move): one event, two notifications
        post("/api/v1/orders/" + id + "/payment/capture", staffToken(), null);
        String dispatchId = UUID.randomUUID().toString();
        publishTwice(EventTypes.DISPATCH_BOOKED, dispatch(id, dispatchId, DispatchStatus.BOOKED, null, 1));
        publishTwice(EventTypes.DISPATCH_UPDATED, dispatch(id, dispatchId, DispatchStatus.ASSIGNED, rider, 2));
        publishTwice(EventTypes.DISPATCH_UPDATED, dispatch(id, dispatchId, DispatchStatus.IN_TRANSIT, rider, 3));
        // every order event so far delivered a second time, as Kafka may (same ce_id)...
        List<ConsumerRecord<String, byte[]>> orderEvents = orderEvents(id, 5);
        for (ConsumerRecord<String, byte[]> record : orderEvents) {
            producer().send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();
        }
        // ...before the last step, whose order.updated lands behind them in the same partition: once its
        // notification is stored, the notifier has consumed every duplicate
        publishTwice(EventTypes.DISPATCH_UPDATED, dispatch(id, dispatchId, DispatchStatus.DELIVERED, rider, 4));

        List<String> customerRules = List.of("order.created", "payment.captured", "order.status_changed:confirmed",
                "dispatch.assigned", "order.status_changed:out for delivery", "order.status_changed:delivered");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(inboxOf(token(customer, "CUSTOMER"), id))
                .anyMatch(n -> n.get("title").asString().endsWith("delivered")));

        List<JsonNode> mine = inboxOf(token(customer, "CUSTOMER"), id);
        assertThat(mine).extracting(n -> n.get("type").asString() + (n.get("type").asString().equals("order.status_changed")
                ? ":" + n.get("title").asString().replaceFirst(".* is |.* delivered", "").replaceFirst("^$", "delivered") : ""))
                .containsExactlyInAnyOrderElementsOf(customerRules);
        JsonNode delivered = mine.getFirst();
        assertThat(delivered.get("title").asString()).endsWith("delivered");
        assertThat(delivered.get("priority").asString()).isEqualTo("normal");
        assertThat(delivered.get("userId").asString()).isEqualTo(customer);
        assertThat(delivered.get("orderId").asString()).isEqualTo(id);
        assertThat(delivered.get("readAt").isNull()).isTrue();
        assertThat(delivered.get("message").asString()).contains("2 × Paracetamol 500mg").contains("12 Admiralty Way");

        List<JsonNode> riders = inboxOf(token(rider, "AGENT"), id);
        assertThat(riders).extracting(n -> n.get("type").asString()).containsExactly("dispatch.assigned");
        assertThat(riders.getFirst().get("message").asString()).startsWith("Ada Rider will deliver order");

        List<JsonNode> staff = inboxOf(staffToken(), id);
        assertThat(staff).extracting(n -> n.get("type").asString()).containsExactlyInAnyOrder(
                "order.created", "dispatch.booked", "dispatch.assigned", "order.status_changed");
        assertThat(staff).allSatisfy(n -> assertThat(n.get("audience").asString()).isEqualTo("STAFF"));
        assertThat(inboxOf(token("another-admin", "ADMIN"), id)).as("every admin sees the staff inbox").hasSize(4);

        // each stored notification went out once on orders.events with its stored id
        List<ConsumerRecord<String, byte[]>> pushed = topics().settle(Topics.ORDERS_EVENTS, id, Duration.ofSeconds(1))
                .stream().filter(r -> EventTypes.NOTIFICATION_CREATED.equals(TopicReader.header(r, "ce_type"))).toList();
        List<String> stored = jdbc.sql("SELECT id::text FROM notifications WHERE order_id = ?::uuid")
                .param(id).query(String.class).list();
        assertThat(stored).hasSize(customerRules.size() + 1 + 4);
        assertThat(pushed).extracting(r -> json.readTree(r.value()).get("id").asString())
                .containsExactlyInAnyOrderElementsOf(stored);
        // and fits docs/asyncapi.yaml (headers, every field named there)
        AsyncApiContract contract = AsyncApiContract.load();
        pushed.forEach(r -> contract.assertRecord("notificationCreated", r));
        JsonNode riderPush = pushed.stream().map(r -> json.readTree(r.value()))
                .filter(n -> rider.equals(n.path("userId").asString(null))).findFirst().orElseThrow();
        assertThat(riderPush.get("recipient").asString()).isEqualTo("user");
        assertThat(riderPush.get("priority").asString()).isEqualTo("normal");

        // the delivered e-mail, once, with the order summary
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.receivedFor(email).size() == 1);
        Thread.sleep(1000); // several retry sweeps: nothing is sent again
        List<MimeMessage> mails = MAIL.receivedFor(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).endsWith("delivered");
        assertThat(mails.getFirst().getMessageID()).isEqualTo("<" + delivered.get("id").asString() + "@orderflow>");
        assertThat(mails.getFirst().getContent().toString()).contains("Total    9.68 NGN").contains("2 × Paracetamol 500mg");
    }

    @Test
    void aFailedSendIsRetriedAndStillArrivesOnlyOnce() throws Exception {
        String customer = newUser();
        String email = customer + "@example.com";
        String id = createOrder(customer, email);
        MAIL.down();
        for (String status : List.of("CONFIRMED", "PREPARING", "READY", "OUT_FOR_DELIVERY", "DELIVERED")) {
            assertThat(patchStatus(id, status).status()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT coalesce(max(email_attempts), 0) FROM notifications WHERE order_id = ?::uuid AND email_to IS NOT NULL")
                .param(id).query(Integer.class).single() >= 2);
        assertThat(jdbc.sql("SELECT email_state FROM notifications WHERE order_id = ?::uuid AND email_to IS NOT NULL")
                .param(id).query(String.class).single()).isEqualTo("PENDING");
        MAIL.up();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MAIL.receivedFor(email).size() == 1);
        Thread.sleep(1000);
        assertThat(MAIL.receivedFor(email)).hasSize(1);
        assertThat(jdbc.sql("SELECT email_state FROM notifications WHERE order_id = ?::uuid AND email_to IS NOT NULL")
                .param(id).query(String.class).single()).isEqualTo("SENT");
    }

    @Test
    void theSameSourceEventStoresANotificationOncePerRuleAndRecipient() {
        String customer = newUser();
        String id = createOrder(customer);
        OrderSnapshot order = json.treeToValue(get("/api/v1/orders/" + id, staffToken()).body(), OrderSnapshot.class);
        String source = "test-" + UUID.randomUUID();
        List<Trigger> created = List.of(new Trigger(Trigger.ORDER_CREATED, "PENDING"));
        tx.executeWithoutResult(s -> inbox.deliver(source, created, order, null));
        tx.executeWithoutResult(s -> inbox.deliver(source, created, order, null));
        assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE source_event_id = ?").param(source)
                .query(Long.class).single()).as("customer and staff, once each").isEqualTo(2);
    }

    /**
     * The notifications of a change are written in the change's own transaction: there when the
     * request that made it has answered, and gone with it when it rolls back.
     */
    @Test
    void notificationsAreWrittenWithTheChangeAndRolledBackWithIt() {
        String customer = newUser();
        String id = createOrder(customer);
        assertThat(notificationsOf(id)).as("order.created: customer and staff, no wait").isEqualTo(2);

        tools.jackson.databind.node.ObjectNode order = (tools.jackson.databind.node.ObjectNode) get("/api/v1/orders/" + id, staffToken()).body();
        order.set("changes", json.valueToTree(List.of(new dev.orderflow.contracts.order.FieldChange("status", "PENDING", "CONFIRMED"))));
        order.put("status", "CONFIRMED");
        OrderSnapshot confirmed = json.treeToValue(order, OrderSnapshot.class);
        tx.executeWithoutResult(s -> {
            orderEvents.append(EventTypes.ORDER_UPDATED, confirmed);
            assertThat(notificationsOf(id)).as("inside the transaction").isGreaterThan(2);
            s.setRollbackOnly();
        });
        assertThat(notificationsOf(id)).as("rolled back with it").isEqualTo(2);

        assertThat(patchStatus(id, "CONFIRMED").status()).isEqualTo(200);
        assertThat(notificationsOf(id)).as("the status change's, when its answer came").isGreaterThan(2);
    }

    private long notificationsOf(String orderId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ?::uuid").param(orderId).query(Long.class).single();
    }

    @Test
    void aLockedDeliveryCodeTellsTheRiderAndStaffOncePerDispatch() throws Exception {
        String rider = newUser();
        String id = createOrder(newUser());
        String dispatchId = UUID.randomUUID().toString();
        publishTwice(EventTypes.DISPATCH_BOOKED, dispatch(id, dispatchId, DispatchStatus.ASSIGNED, rider, 1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !inboxOf(token(rider, "AGENT"), id).isEmpty());

        otpLocks.locked(UUID.fromString(dispatchId));
        otpLocks.locked(UUID.fromString(dispatchId)); // every further try answers OTP_LOCKED again

        assertThat(inboxOf(token(rider, "AGENT"), id)).filteredOn(n -> n.get("type").asString().equals("otp.locked"))
                .singleElement().satisfies(n -> assertThat(n.get("priority").asString()).isEqualTo("high"));
        assertThat(inboxOf(staffToken(), id)).filteredOn(n -> n.get("type").asString().equals("otp.locked")).hasSize(1);
    }

    @Test
    void aClientOfflineDuringThreeChangesFindsThemByPollingAndReadStateSticks() {
        String customer = newUser();
        String token = token(customer, "CUSTOMER");
        String id = createOrder(customer);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> page(token, "").get("total").asLong() == 1);
        String seen = page(token, "").get("items").get(0).get("createdAt").asString();

        // offline: three changes
        post("/api/v1/orders/" + id + "/payment/capture", staffToken(), null); // paid, and so confirmed
        patchStatus(id, "PREPARING");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> page(token, "&since=" + seen).get("total").asLong() == 3);
        JsonNode missed = page(token, "&since=" + seen);
        assertThat(missed.get("items")).extracting(n -> n.get("title").asString()).containsExactlyInAnyOrder(
                "Order " + displayId(id) + " is preparing", "Order " + displayId(id) + " is confirmed",
                "Payment received for " + displayId(id));
        assertThat(missed.get("items").get(0).get("title").asString()).as("newest first").endsWith("is preparing");
        assertThat(missed.get("unreadCount").asLong()).isEqualTo(4);
        assertThat(get("/api/v1/notifications/unread-count", token).body().get("count").asLong()).isEqualTo(4);

        String first = missed.get("items").get(0).get("id").asString();
        Response read = post("/api/v1/notifications/" + first + "/read", token, null);
        assertThat(read.status()).isEqualTo(200);
        String readAt = read.text("readAt");
        assertThat(readAt).isNotNull();
        assertThat(post("/api/v1/notifications/" + first + "/read", token, null).text("readAt"))
                .as("reading again keeps the first time").isEqualTo(readAt);
        assertThat(page(token, "&unreadOnly=true").get("items")).extracting(n -> n.get("id").asString()).doesNotContain(first);
        assertThat(get("/api/v1/notifications/unread-count", token).body().get("count").asLong()).isEqualTo(3);
        assertThat(page(token, "&pageSize=1&page=2").get("items").get(0).get("id").asString())
                .isEqualTo(missed.get("items").get(1).get("id").asString());

        Response all = post("/api/v1/notifications/read-all", token, null);
        assertThat(all.body().get("marked").asInt()).isEqualTo(3);
        assertThat(all.body().get("unreadCount").asLong()).isZero();
        assertThat(page(token, "").get("items")).allSatisfy(n -> assertThat(n.get("readAt").isNull()).isFalse());
        assertThat(page(token, "&unreadOnly=true").get("total").asLong()).isZero();
    }

    @Test
    void staffReadStateIsPerReaderAndNobodyReadsAnothersNotifications() {
        String customer = newUser();
        String id = createOrder(customer);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(staffToken(), id).size() == 1);
        String staffNote = inboxOf(staffToken(), id).getFirst().get("id").asString();
        String admin = token("admin-" + UUID.randomUUID(), "ADMIN");

        assertThat(post("/api/v1/notifications/" + staffNote + "/read", staffToken(), null).status()).isEqualTo(200);
        assertThat(inboxOf(staffToken(), id).getFirst().get("readAt").isNull()).isFalse();
        assertThat(inboxOf(admin, id).getFirst().get("readAt").isNull()).as("another admin has not read it").isTrue();

        assertThat(post("/api/v1/notifications/" + staffNote + "/read", token(customer, "CUSTOMER"), null).code())
                .isEqualTo("NOTIFICATION_NOT_FOUND");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inboxOf(token(customer, "CUSTOMER"), id).size() == 1);
        String customerNote = inboxOf(token(customer, "CUSTOMER"), id).getFirst().get("id").asString();
        assertThat(post("/api/v1/notifications/" + customerNote + "/read", token(newUser(), "CUSTOMER"), null).status())
                .isEqualTo(404);
        assertThat(inboxOf(token(newUser(), "CUSTOMER"), id)).isEmpty();
    }

    @Test
    void badRequestsAreProblemsWithCodes() {
        String token = token(newUser(), "CUSTOMER");
        assertThat(get("/api/v1/notifications?page=0", token).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/notifications?pageSize=101", token).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/v1/notifications?pageSize=abc", token).status()).isEqualTo(400);
        assertThat(get("/api/v1/notifications?unreadOnly=maybe", token).status()).isEqualTo(400);
        Response since = get("/api/v1/notifications?since=yesterday", token);
        assertThat(since.status()).isEqualTo(400);
        assertThat(since.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(post("/api/v1/notifications/not-an-id/read", token, null).code()).isEqualTo("INVALID_ID");
        Response missing = post("/api/v1/notifications/" + UUID.randomUUID() + "/read", token, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("NOTIFICATION_NOT_FOUND");
        assertThat(missing.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(get("/api/v1/notifications", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/notifications/unread-count", null).code()).isEqualTo("UNAUTHORIZED");
    }

    private JsonNode page(String token, String query) {
        Response response = get("/api/v1/notifications?" + (query.contains("pageSize") ? "" : "pageSize=100") + query, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** The caller's notifications about one order, newest first. */
    private List<JsonNode> inboxOf(String token, String orderId) {
        return page(token, "").get("items").valueStream().filter(n -> orderId.equals(n.get("orderId").asString())).toList();
    }

    private String displayId(String orderId) {
        return get("/api/v1/orders/" + orderId, staffToken()).text("displayId");
    }

    private String createOrder(String customer, String email) {
        Map<String, Object> body = new HashMap<>(orderBody(customer));
        Map<String, Object> address = new HashMap<>(Map.of("line1", "12 Admiralty Way", "city", "Lagos"));
        if (email != null) {
            address.put("email", email);
        }
        body.put("deliveryAddress", address);
        Response created = post("/api/v1/orders", staffToken(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private static DispatchSnapshot dispatch(String orderId, String dispatchId, DispatchStatus status, String agent,
                                             long version) {
        Driver driver = agent == null ? null : new Driver("Ada Rider", "+2348000000001", agent);
        return new DispatchSnapshot(dispatchId, orderId, status, null, "KWIK", "job-1", null, driver, null, null, 1,
                version, Instant.now(), null, null, null);
    }

    /** One dispatch event, delivered twice (same ce_id). */
    private void publishTwice(String type, DispatchSnapshot data) throws Exception {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), type, "/dispatch-service", data.orderId(),
                Instant.now(), null, json.writeValueAsBytes(data));
        producer().send(CloudEventRecords.toRecord(Topics.DISPATCH_EVENTS, event)).get();
        producer().send(CloudEventRecords.toRecord(Topics.DISPATCH_EVENTS, event)).get();
    }
}
