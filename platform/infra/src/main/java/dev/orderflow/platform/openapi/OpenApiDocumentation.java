package dev.orderflow.platform.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.orderflow.contracts.error.ErrorCode;
import dev.orderflow.platform.problem.Problems;

/**
 * What every service's OpenAPI document shares: its title, the bearer JWT scheme, the problem+json
 * error shape, and the error responses each endpoint declares with {@link ErrorResponses}. The
 * documents are committed in docs/openapi/ and tests fail when they drift (docs/contract.md §10).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiDocumentation {

    static final String BEARER = "bearer-jwt";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer platformOpenApi(@Value("${spring.application.name:service}") String service) {
        return openApi -> {
            openApi.info(new Info().title(service).version("v1").description(
                    "The HTTP API of " + service + ". The rules behind it (who may do what, statuses, events) are in "
                            + "docs/contract.md of the repository; error codes in its §8."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("The platform JWT: claims sub and roles (docs/contract.md §1)"))
                    .addSchemas(PROBLEM, problemSchema()));
            if (openApi.getSecurity() == null) {
                openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
            }
        };
    }

    @Bean
    OperationCustomizer platformErrorResponses() {
        return (operation, handler) -> {
            Set<ErrorCode> codes = new LinkedHashSet<>();
            ErrorResponses onType = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ErrorResponses.class);
            ErrorResponses onMethod = handler.getMethodAnnotation(ErrorResponses.class);
            if (onType != null) {
                codes.addAll(Arrays.asList(onType.value()));
            }
            if (onMethod != null) {
                codes.addAll(Arrays.asList(onMethod.value()));
            }
            Map<Integer, List<ErrorCode>> byStatus = codes.stream()
                    .collect(Collectors.groupingBy(ErrorCode::httpStatus, TreeMap::new, Collectors.toList()));
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            byStatus.forEach((status, ofStatus) -> responses.addApiResponse(String.valueOf(status), new ApiResponse()
                    .description("problem+json with code " + ofStatus.stream().map(ErrorCode::name)
                            .collect(Collectors.joining(" or ")))
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
            operation.responses(responses);
            return operation;
        };
    }

    private static Schema<?> problemSchema() {
        List<String> codes = new ArrayList<>(Arrays.stream(ErrorCode.values()).filter(c -> !c.socketOnly()).map(ErrorCode::name).toList());
        codes.addAll(List.of("NOT_FOUND", "METHOD_NOT_ALLOWED", Problems.INTERNAL_ERROR));
        StringSchema code = new StringSchema();
        code.setEnum(codes);
        code.description("The contract error code (docs/contract.md §8)");
        return new ObjectSchema()
                .description("RFC 9457 problem details with the contract's code and the trace id")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("code", code)
                .addProperty("traceId", new StringSchema())
                .required(List.of("status", "code"));
    }
}
