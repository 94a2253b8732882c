package dev.orderflow.kwiksandbox.booking;

import java.util.List;

/** The sandbox's made-up drivers ("fleet" in Tookan's words). */
public final class Fleet {

    public record Driver(long fleetId, String name, String phone) {
    }

    private static final List<Driver> DRIVERS = List.of(
            new Driver(9001, "Tunde Bakare", "+2348030000001"),
            new Driver(9002, "Ngozi Okafor", "+2348030000002"),
            new Driver(9003, "Ibrahim Musa", "+2348030000003"),
            new Driver(9004, "Chiamaka Eze", "+2348030000004"));

    private Fleet() {
    }

    public static Driver forJob(long jobId) {
        return DRIVERS.get((int) (jobId % DRIVERS.size()));
    }
}
