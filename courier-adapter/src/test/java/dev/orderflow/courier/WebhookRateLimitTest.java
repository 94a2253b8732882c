package dev.orderflow.courier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The webhook's per-address limit (docs/contract.md §6), checked before the token: a sender over
 * its budget gets 429 RATE_LIMITED with Retry-After whatever it sends, another address does not.
 * A budget of 3 per hour here, so the count is exact.
 */
@TestPropertySource(properties = {"orderflow.webhook.rate-limit.requests-per-period=3",
        "orderflow.webhook.rate-limit.period=1h"})
class WebhookRateLimitTest extends CourierAdapterTestBase {

    @Test
    void aSenderOverItsBudgetIsRefusedBeforeItsTokenIsChecked() throws Exception {
        HttpClient sender = from("127.0.0.2");
        for (int i = 0; i < 3; i++) {
            assertThat(post(sender, "?token=wrong").statusCode()).as("within the budget: the token decides").isEqualTo(401);
        }
        for (String query : new String[] {"?token=wrong", "?token=" + SECRET}) {
            HttpResponse<String> refused = post(sender, query);
            assertThat(refused.statusCode()).as(query).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        }
        assertThat(post(from("127.0.0.3"), "?token=wrong").statusCode()).as("another address has its own budget").isEqualTo(401);
    }

    private HttpResponse<String> post(HttpClient client, String query) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/kwik" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"job_id\": 1, \"job_status\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Connections from another loopback address (Linux routes all of 127/8 to lo). */
    private static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
    }
}
