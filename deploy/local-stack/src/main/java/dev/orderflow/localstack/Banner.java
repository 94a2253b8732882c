package dev.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.orderflow.platform.security.JwtTokens;

/** What the user sees once the stack is up: where to look, demo tokens, the demo script. */
final class Banner {

    private static final Duration TOKEN_TTL = Duration.ofDays(7);

    private Banner() {
    }

    static String text(StackConfig config, double seconds) {
        String admin = JwtTokens.issue(config.jwtSecret(), "admin-1", List.of("ADMIN"), TOKEN_TTL);
        String customer = JwtTokens.issue(config.jwtSecret(), "customer-1", List.of("CUSTOMER"), TOKEN_TTL);
        String agent = JwtTokens.issue(config.jwtSecret(), "agent-1", List.of("AGENT"), TOKEN_TTL);
        Path tokens = config.dataDir().resolve("tokens.env");
        try {
            Files.writeString(tokens, "ADMIN_TOKEN=" + admin + "\nCUSTOMER_TOKEN=" + customer + "\nAGENT_TOKEN=" + agent + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return """

                ================================================================================
                 orderflow is up in %.1f s   (data: %s — delete it for a fresh start)

                 Live board      http://localhost:%d/board/#token=<admin token below>
                 Tracking page   http://localhost:%d/track/#order=<orderId>&token=<customer token>
                 Rider page      http://localhost:%d/rider/#token=<agent token>
                 REST API        http://localhost:%d/api/v1/orders   (Swagger UI: http://localhost:9080/actuator/swagger-ui)
                 Management      health, metrics, API docs on each service's port + 1000 (9080-9083)
                 Socket.IO       http://localhost:%d   (auth: {token})   plain WS: ws://localhost:%d/orders/track
                 Webhooks        http://localhost:%d/webhooks/kwik
                 Kwik sandbox    http://localhost:%d/sandbox/tasks   (header X-Sandbox-Key: the merchant password)
                 Mail            SMTP localhost:%d (in-process GreenMail); received mail: http://localhost:%d/mail
                 Dispatch (int.) http://localhost:%d
                 Kafka           localhost:%d        PostgreSQL  localhost:%d (user postgres)
                 Logs            %s

                 Demo tokens (also in %s):
                   admin     %s
                   customer  %s   (sub customer-1)
                   agent     %s   (sub agent-1)

                 Riders: the gate books our own riders when one is on duty near the shop (AUTO), else Kwik.
                   on duty     PUT  /api/v1/agent/availability {"available":true,"lat":6.4541,"lng":3.3947}
                   jobs        GET  /api/v1/agent/jobs   POST /api/v1/agent/jobs/{orderId}/accept
                   positions   POST /api/v1/agent/location, or the socket event driver:location
                   (re)assign  POST /api/v1/orders/{id}/dispatch/assign {"agentId":"agent-1"}  (staff)

                 Demo: in another terminal run   deploy/local-stack/demo.sh
                       (customer-1 orders twice: agent-1 rides the first to DELIVERED with the
                        customer's OTP, sending positions; Kwik delivers the second)
                 Ctrl-C stops everything.
                ================================================================================
                """.formatted(seconds, config.dataDir(), StackConfig.ORDER_PORT, StackConfig.ORDER_PORT, StackConfig.ORDER_PORT,
                StackConfig.ORDER_PORT, StackConfig.SOCKET_PORT,
                StackConfig.REALTIME_PORT, StackConfig.COURIER_PORT, StackConfig.KWIK_PORT, StackConfig.SMTP_PORT,
                StackConfig.MAIL_PAGE_PORT, StackConfig.DISPATCH_PORT,
                StackConfig.KAFKA_PORT, StackConfig.POSTGRES_PORT, config.dataDir().resolve("logs"), tokens,
                admin, customer, agent);
    }
}
