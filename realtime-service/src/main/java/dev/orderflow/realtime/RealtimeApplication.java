package dev.orderflow.realtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Socket.IO gateway: Kafka in, rooms out. Holds no database: Kafka is its log. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RealtimeApplication {

    public static void main(String[] args) {
        SpringApplication.run(RealtimeApplication.class, args);
    }
}
