package dev.orderflow.dispatch.riders;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One of our riders as staff see it: whether it takes jobs, where it was last seen, its live jobs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rider(String agentId, boolean available, boolean online, Double lat, Double lng, Double heading,
                    Instant positionAt, Instant updatedAt, int activeJobs) {

    public Position position() {
        return lat == null || lng == null ? null : new Position(lat, lng);
    }
}
