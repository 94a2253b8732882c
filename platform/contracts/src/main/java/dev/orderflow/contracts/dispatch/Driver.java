package dev.orderflow.contracts.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The courier's driver, or one of our own agents ({@code agentId} = the agent's JWT sub). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Driver(String name, String phone, String agentId) {
}
