package dev.orderflow.dispatch.kwik;

import java.net.http.HttpClient;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.kwik.KwikFields;
import dev.orderflow.contracts.kwik.KwikJson;

/**
 * Kwik's (Tookan-based) vendor API: login, create task, cancel task, task status. Success is the
 * body's {@code status} 200, whatever the HTTP status. The token goes in the body; an expired one
 * (body status 101) is renewed once. Built on Boot's instrumented RestClient.Builder, so every
 * call carries the caller's {@code traceparent}.
 */
@Component
public class KwikClient {

    static final int OK = 200;
    static final int PARAMETER_MISSING = 100;
    static final int INVALID_KEY = 101;
    static final int ERROR_IN_EXECUTION = 404;
    private static final DateTimeFormatter TOOKAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final RestClient http;
    private final KwikProperties account;
    private volatile Session session;

    private record Session(String token, long vendorId) {
    }

    public KwikClient(RestClient.Builder builder, KwikProperties account) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(account.timeout()).build());
        requests.setReadTimeout(account.timeout());
        this.http = builder.clone().baseUrl(account.baseUrl()).requestFactory(requests).build();
        this.account = account;
    }

    /** Books pickup + delivery; our orderId travels as Kwik's order reference. */
    public KwikBooking createTask(String orderId, Map<String, Object> delivery, String instruction) {
        KwikProperties.Pickup shop = account.pickup();
        String now = LocalDateTime.now(ZoneOffset.UTC).format(TOOKAN_TIME);
        Map<String, Object> pickup = new LinkedHashMap<>();
        pickup.put(KwikFields.ADDRESS, shop.address());
        pickup.put(KwikFields.NAME, shop.name());
        pickup.put(KwikFields.LATITUDE, shop.latitude());
        pickup.put(KwikFields.LONGITUDE, shop.longitude());
        pickup.put(KwikFields.TIME, now);
        pickup.put(KwikFields.PHONE, shop.phone());
        Map<String, Object> drop = new LinkedHashMap<>(delivery);
        drop.put(KwikFields.TIME, now);
        drop.put(KwikFields.HAS_RETURN_TASK, false);
        drop.put(KwikFields.IS_PACKAGE_INSURED, 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(KwikFields.ORDER_ID, orderId);
        body.put(KwikFields.PICKUPS, List.of(pickup));
        body.put(KwikFields.DELIVERIES, List.of(drop));
        body.put(KwikFields.HAS_PICKUP, 1);
        body.put(KwikFields.HAS_DELIVERY, 1);
        body.put(KwikFields.AUTO_ASSIGNMENT, 1);
        body.put(KwikFields.IS_MULTIPLE_TASKS, 1);
        body.put(KwikFields.TIMEZONE, 60);
        if (instruction != null) {
            body.put(KwikFields.DELIVERY_INSTRUCTION, instruction);
        }
        JsonNode data = post("/v2/create_task_via_vendor", body);
        JsonNode task = data.path(KwikFields.DELIVERIES).path(0);
        if (task.path(KwikFields.JOB_ID).isMissingNode()) {
            throw new KwikException(OK, "Kwik booked without a delivery job id", false, null);
        }
        return new KwikBooking(task.get(KwikFields.JOB_ID).asString(),
                textOr(task, KwikFields.TRACKING_LINK, textOr(data, KwikFields.JOB_STATUS_CHECK_LINK, null)),
                textOr(data, KwikFields.UNIQUE_ORDER_ID, null));
    }

    public void cancelTask(String jobId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(KwikFields.JOB_ID, jobId);
        body.put(KwikFields.JOB_STATUS, 9);
        post("/cancel_vendor_task", body);
    }

    public KwikTask taskStatus(String jobId) {
        JsonNode data = withSession(s -> reply(() -> http.get()
                .uri(u -> u.path("/get_task_status").queryParam(KwikFields.ACCESS_TOKEN, s.token())
                        .queryParam(KwikFields.JOB_ID, jobId).build())
                .retrieve().body(JsonNode.class)));
        return task(data, jobId);
    }

    /**
     * Every task Kwik holds under our order reference (Tookan's {@code get_job_details_by_order_id};
     * assumed for Kwik, docs/kwik.md): how a booking whose reply we never saw is found again.
     * "Nothing found" (body status 404) is an empty list.
     */
    public List<KwikTask> tasksOf(String orderId) {
        JsonNode data;
        try {
            data = post("/v2/get_job_details_by_order_id", Map.of(KwikFields.ORDER_IDS, List.of(orderId)));
        } catch (KwikException e) {
            if (e.bodyStatus() == ERROR_IN_EXECUTION) {
                return List.of();
            }
            throw e;
        }
        return data.valueStream().filter(t -> orderId.equals(textOr(t, KwikFields.ORDER_ID, orderId)))
                .map(t -> task(t, t.path(KwikFields.JOB_ID).asString())).toList();
    }

    private static KwikTask task(JsonNode data, String jobId) {
        String name = textOr(data, KwikFields.FLEET_NAME, null);
        Driver driver = name == null ? null : new Driver(name, textOr(data, KwikFields.FLEET_PHONE, null), null);
        return new KwikTask(jobId, data.path(KwikFields.JOB_TYPE).asInt(KwikTask.DELIVERY),
                data.path(KwikFields.JOB_STATUS).asInt(-1), textOr(data, KwikFields.TRACKING_LINK, null), driver);
    }

    private JsonNode post(String path, Map<String, Object> fields) {
        return withSession(s -> {
            Map<String, Object> body = new LinkedHashMap<>(fields);
            body.put(KwikFields.ACCESS_TOKEN, s.token());
            body.put(KwikFields.VENDOR_ID, s.vendorId());
            body.put(KwikFields.DOMAIN_NAME, account.domainName());
            return reply(() -> http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().body(JsonNode.class));
        });
    }

    /** Runs a call with the current session; a rejected token is renewed once. */
    private JsonNode withSession(java.util.function.Function<Session, JsonNode> call) {
        Session current = session != null ? session : login();
        try {
            return call.apply(current);
        } catch (KwikException e) {
            if (e.bodyStatus() != INVALID_KEY) {
                throw e;
            }
            session = null;
            return call.apply(login());
        }
    }

    private synchronized Session login() {
        if (session != null) {
            return session;
        }
        Map<String, Object> body = Map.of(KwikFields.DOMAIN_NAME, account.domainName(), KwikFields.EMAIL,
                account.email(), KwikFields.PASSWORD, account.password(), KwikFields.API_LOGIN, 1);
        JsonNode data = reply(() -> http.post().uri("/vendor_login").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class));
        session = new Session(data.path(KwikFields.ACCESS_TOKEN).asString(),
                data.path(KwikFields.VENDOR_DETAILS).path(KwikFields.VENDOR_ID).asLong());
        return session;
    }

    /** The reply's data, or a KwikException saying whether trying again could help. */
    private static JsonNode reply(java.util.function.Supplier<JsonNode> call) {
        JsonNode reply;
        try {
            reply = call.get();
        } catch (ResourceAccessException e) {
            throw new KwikException(0, "Kwik unreachable: " + e.getMessage(), true, e);
        } catch (RestClientResponseException e) {
            boolean serverSide = e.getStatusCode().is5xxServerError() || e.getStatusCode().value() == 429;
            throw new KwikException(e.getStatusCode().value(), "Kwik answered HTTP " + e.getStatusCode().value(),
                    serverSide, e);
        }
        int status = reply == null ? -1 : reply.path(KwikFields.STATUS).asInt(-1);
        if (status != OK) {
            String message = reply == null ? "empty reply" : textOr(reply, KwikFields.MESSAGE, "no message");
            throw new KwikException(status, "Kwik refused (" + status + "): " + message,
                    status != PARAMETER_MISSING && status != INVALID_KEY, null);
        }
        return reply.path(KwikFields.DATA);
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String text = KwikJson.text(node, field);
        return text == null ? fallback : text;
    }
}
