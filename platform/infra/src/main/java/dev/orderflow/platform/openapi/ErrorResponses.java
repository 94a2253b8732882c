package dev.orderflow.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.orderflow.contracts.error.ErrorCode;

/**
 * The contract error codes an endpoint can answer (docs/contract.md §8). On a controller they apply
 * to each of its endpoints, on a method to that one; {@link OpenApiDocumentation} turns them into
 * problem+json responses of the OpenAPI document, one per HTTP status.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ErrorResponses {

    ErrorCode[] value();
}
