package dev.orderflow.kwiksandbox;

import java.time.Duration;

import org.springframework.stereotype.Component;

/** The settings the control API may change at run time; {@link #reset()} goes back to configuration. */
@Component
public class SandboxSettings {

    /** The control API's view and patch: null fields leave a setting unchanged. */
    public record View(String webhookUrl, Boolean autoAdvance, Long stepDelayMillis) {
    }

    private final SandboxProperties properties;
    private volatile String webhookUrl;
    private volatile boolean autoAdvance;
    private volatile Duration stepDelay;

    public SandboxSettings(SandboxProperties properties) {
        this.properties = properties;
        reset();
    }

    public final synchronized void reset() {
        webhookUrl = properties.webhookUrl();
        autoAdvance = properties.autoAdvance();
        stepDelay = properties.stepDelay();
    }

    public synchronized View apply(View patch) {
        if (patch.webhookUrl() != null) {
            webhookUrl = patch.webhookUrl();
        }
        if (patch.autoAdvance() != null) {
            autoAdvance = patch.autoAdvance();
        }
        if (patch.stepDelayMillis() != null) {
            stepDelay = Duration.ofMillis(patch.stepDelayMillis());
        }
        return view();
    }

    public View view() {
        return new View(webhookUrl, autoAdvance, stepDelay.toMillis());
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public boolean autoAdvance() {
        return autoAdvance;
    }

    public Duration stepDelay() {
        return stepDelay;
    }
}
