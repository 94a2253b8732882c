package dev.orderflow.order.workflow;

import java.util.List;
import java.util.Map;

/** Object mother of {@link Workflow}: the default workflow of application.yml, without Spring. */
public final class Workflows {

    private Workflows() {
    }

    public static Workflow standard() {
        var definition = new WorkflowProperties.Definition("PENDING", "CANCELLED", List.of("DELIVERED", "CANCELLED"),
                Map.of("PENDING", List.of("CONFIRMED"), "CONFIRMED", List.of("PREPARING"), "PREPARING", List.of("READY"),
                        "READY", List.of("OUT_FOR_DELIVERY"), "OUT_FOR_DELIVERY", List.of("DELIVERED")),
                Map.of("PICKED_UP", "OUT_FOR_DELIVERY", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERED"));
        return new Workflow(new WorkflowProperties("default", Map.of("default", definition)));
    }
}
