package dev.orderflow.realtime.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.orderflow.contracts.Topics;
import dev.orderflow.embedded.EmbeddedKafka;

/**
 * The Kafka broker the benchmarked gateway reads from (realtime-service/bench/run.sh), in its own
 * JVM so that the gateway's measured CPU and RSS are the gateway's alone. Prints
 * {@code BENCH_KAFKA_READY <bootstrap servers>} and runs until killed.
 */
public final class BenchKafka {

    private BenchKafka() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("realtime-bench-kafka-");
        EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
        kafka.createTopics(3, Topics.ORDERS_EVENTS, Topics.DISPATCH_EVENTS, Topics.COURIER_LOCATIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        System.out.println("BENCH_KAFKA_READY " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}
