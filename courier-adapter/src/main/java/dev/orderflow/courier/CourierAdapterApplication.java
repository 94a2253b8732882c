package dev.orderflow.courier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Receives courier webhooks, keeps them in an inbox and publishes them normalised (courier.events). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CourierAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(CourierAdapterApplication.class, args);
    }
}
