package dev.orderflow.dispatch.kwik;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where Kwik is, our vendor account, and the shop riders pick up from (docs/kwik.md). */
@ConfigurationProperties("orderflow.kwik")
public record KwikProperties(String baseUrl, String domainName, String email, String password,
                             @DefaultValue("5s") Duration timeout, Pickup pickup) {

    public record Pickup(String name, String address, double latitude, double longitude, String phone) {
    }
}
