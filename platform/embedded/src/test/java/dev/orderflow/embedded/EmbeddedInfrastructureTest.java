package dev.orderflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureTest {

    private final EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();

    @Test
    void postgresRunsWithLogicalWalAndSynchronousCommit() throws Exception {
        infra.postgres().createDatabase("embedded_check");
        infra.postgres().createDatabase("embedded_check"); // idempotent
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl("embedded_check"),
                EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
            assertThat(setting(c, "wal_level")).isEqualTo("logical");
            assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void kafkaBrokerRoundTripsARecord() throws Exception {
        infra.kafka().createTopics(1, "embedded.check");
        Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        try (var producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("embedded.check", "k", "hello")).get();
        }
        var consumerProps = new java.util.HashMap<String, Object>(common);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "check");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("embedded.check"));
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    assertThat(records.iterator().next().value()).isEqualTo("hello");
                    return;
                }
            }
        }
        throw new AssertionError("record not consumed within 15 s");
    }

    private static String setting(Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
