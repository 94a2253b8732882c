package dev.orderflow.platform;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service's listeners get from PlatformDefaults, seen through a real Spring Boot start. */
class PlatformDefaultsTest {

    @Test
    void listenersPollEvery20MsAtMostAndCommitOffsetsOnceASecond() {
        ContainerProperties properties = listenerContainerProperties();
        assertThat(properties.getAckMode()).isEqualTo(AckMode.TIME);
        assertThat(properties.getAckTime()).isEqualTo(1000);
        assertThat(properties.getIdleBetweenPolls()).isEqualTo(20);
    }

    @Test
    void aServicePropertyOverridesTheDefault() {
        System.setProperty("spring.kafka.listener.ack-mode", "batch");
        try {
            assertThat(listenerContainerProperties().getAckMode()).isEqualTo(AckMode.BATCH);
        } finally {
            System.clearProperty("spring.kafka.listener.ack-mode");
        }
    }

    private static ContainerProperties listenerContainerProperties() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KafkaOnly.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).run()) {
            return context.getBean(ConcurrentKafkaListenerContainerFactory.class).getContainerProperties();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(KafkaAutoConfiguration.class)
    static class KafkaOnly {
    }
}
