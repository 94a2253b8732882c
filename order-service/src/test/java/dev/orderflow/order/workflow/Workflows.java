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
                Map.of("PICKED_UP", "OUT_FOR_DELIVERY", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERED"),
                "CONFIRMED", "READY");
        return new Workflow(new WorkflowProperties("default", Map.of("default", definition)));
    }

    /** application.yml's service desk: no payment or ready moves, only DELIVERED → COMPLETE. */
    public static Workflow serviceDesk() {
        var definition = new WorkflowProperties.Definition("SUBMITTED", "CANCELLED", List.of("COMPLETE", "CANCELLED"),
                Map.of("SUBMITTED", List.of("APPROVED"), "APPROVED", List.of("ASSIGNED"), "ASSIGNED", List.of("IN_PROGRESS"),
                        "IN_PROGRESS", List.of("REVISION", "COMPLETE"), "REVISION", List.of("IN_PROGRESS")),
                Map.of("DELIVERED", "COMPLETE"));
        return new Workflow(new WorkflowProperties("service-desk", Map.of("service-desk", definition)));
    }
}
