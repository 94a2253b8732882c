package dev.orderflow.order.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' connect-src: this host's gateway port when the Host header is a host, plus the configured socket origins. */
class ContentSecurityPolicyTest {

    private final PagesProperties pages = new PagesProperties(8084, List.of("https://rt.example.com"));

    @Test
    void aHostGetsItsGatewayAndTheOriginsTheirWebSocketForm() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/board/");
        request.setServerName("[::1]");
        assertThat(PagesConfig.contentSecurityPolicy(pages, request)).contains(
                "connect-src 'self' http://[::1]:8084 ws://[::1]:8084 https://rt.example.com wss://rt.example.com;");
        request.addHeader("X-Forwarded-Proto", "https");
        request.setServerName("orders.example.com");
        assertThat(PagesConfig.contentSecurityPolicy(pages, request)).contains(
                "connect-src 'self' https://orders.example.com:8084 wss://orders.example.com:8084 https://rt.example.com");
    }

    @Test
    void aHostHeaderThatIsNotAHostAddsNothing() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/board/");
        request.setServerName("evil.example/ 'unsafe-inline'");
        assertThat(PagesConfig.contentSecurityPolicy(pages, request)).contains(
                "connect-src 'self' https://rt.example.com wss://rt.example.com;").doesNotContain("evil");
    }
}
