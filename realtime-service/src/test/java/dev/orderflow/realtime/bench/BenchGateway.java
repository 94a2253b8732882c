package dev.orderflow.realtime.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.orderflow.contracts.Topics;
import dev.orderflow.embedded.EmbeddedKafka;
import dev.orderflow.realtime.RealtimeApplication;

/**
 * The gateway as the benchmark runs it (realtime-service/bench/run.sh): on its own embedded Kafka,
 * with {@code bench:publish} enabled so the load generator can drive the same fan-out path as the
 * reference Node server (in production the publisher is Kafka, not a socket). Args: socket port, JWT secret.
 */
public final class BenchGateway {

    private BenchGateway() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String secret = args[1];
        Path dir = Files.createTempDirectory("realtime-bench-kafka-");
        EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
        kafka.createTopics(3, Topics.ORDERS_EVENTS, Topics.DISPATCH_EVENTS, Topics.COURIER_LOCATIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        new SpringApplicationBuilder(RealtimeApplication.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--orderflow.realtime.port=" + port, "--orderflow.realtime.host=127.0.0.1",
                "--orderflow.realtime.bench-enabled=true", "--orderflow.security.jwt.secret=" + secret,
                // the benchmark's one publisher sends thousands of packets/s: exempt it from the flood guard
                "--orderflow.realtime.inbound-per-second=1000000",
                "--logging.level.org.apache.kafka=WARN", "--logging.level.kafka=WARN", "--logging.level.org.apache.zookeeper=WARN",
                "--management.tracing.sampling.probability=0");
        System.out.println("BENCH_GATEWAY_READY");
    }
}
