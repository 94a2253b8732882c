package dev.orderflow.platform.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare application with nothing but the platform: the outbox relay under test. */
@SpringBootApplication
class OutboxTestApplication {
}
