package dev.orderflow.platform;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import dev.orderflow.platform.problem.ProblemExceptionHandler;
import dev.orderflow.platform.security.ProblemSecurityHandlers;
import dev.orderflow.platform.web.BodySizeLimitFilter;
import dev.orderflow.platform.tracing.SecretRedaction;
import dev.orderflow.platform.tracing.TraceContext;
import dev.orderflow.platform.tracing.TraceResponseHeaderFilter;

/** Tracing helpers, the trace response headers and the problem+json handler for every service. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnBean({Tracer.class, Propagator.class})
    TraceContext traceContext(Tracer tracer) {
        return new TraceContext(tracer);
    }

    /** Query-string secrets out of every span and tag (Boot registers ObservationFilter beans). */
    @Bean
    SecretRedaction secretRedaction() {
        return new SecretRedaction();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(ProblemExceptionHandler.class)
    static class Web {

        @Bean
        FilterRegistrationBean<TraceResponseHeaderFilter> traceResponseHeaderFilter(TraceContext trace) {
            FilterRegistrationBean<TraceResponseHeaderFilter> registration =
                    new FilterRegistrationBean<>(new TraceResponseHeaderFilter(trace));
            // after the observation filter (which opens the span), before security
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            return registration;
        }

        /** Right after the trace headers (the 413 carries the traceId), long before security or any reader. */
        @Bean
        FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
                @Value("${orderflow.http.max-body-size:64KB}") DataSize maxBodySize, ProblemSecurityHandlers problems) {
            FilterRegistrationBean<BodySizeLimitFilter> registration =
                    new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBodySize.toBytes(), problems));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
            return registration;
        }
    }
}
