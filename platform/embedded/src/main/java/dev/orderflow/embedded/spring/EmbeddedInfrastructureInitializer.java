package dev.orderflow.embedded.spring;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.orderflow.embedded.EmbeddedInfrastructure;
import dev.orderflow.embedded.EmbeddedPostgres;

/**
 * Points a Spring test context at the JVM's shared embedded PostgreSQL and Kafka:
 * {@code @ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)}.
 * The database is {@code orderflow.test.database} (default: the application name with
 * underscores); a test class that needs a clean slate sets its own name.
 */
public class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
        String database = env.getProperty("orderflow.test.database",
                env.getProperty("spring.application.name", "orderflow").replace('-', '_'));
        infra.postgres().createDatabase(database);
        infra.kafka().createTopics(3, "orders.events", "dispatch.events", "courier.events", "courier.locations");
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", infra.postgres().jdbcUrl(database));
        props.put("spring.datasource.username", EmbeddedPostgres.USER);
        props.put("spring.datasource.password", EmbeddedPostgres.PASSWORD);
        props.put("spring.kafka.bootstrap-servers", infra.kafka().bootstrapServers());
        // tests run with the repository's demo JWT secret (refused at startup anywhere else)
        props.put("orderflow.security.jwt.demo-allowed", "true");
        props.put("logging.level.org.apache.kafka", "WARN");
        props.put("logging.level.kafka", "WARN");
        props.put("logging.level.io.debezium", "WARN");
        props.put("logging.level.io.zonky", "WARN");
        env.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", props));
    }
}
