package dev.orderflow.dispatch.kwik;

import java.util.Optional;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.kwik.KwikJobStatus;

/** One task as get_task_status or get_job_details_by_order_id shows it ({@code jobType}: 0 pickup, 1 delivery). */
public record KwikTask(String jobId, int jobType, int jobStatus, String trackingUrl, Driver driver) {

    public static final int DELIVERY = 1;

    /** The normalised status; empty for a code Kwik does not define. */
    public Optional<DispatchStatus> status() {
        return KwikJobStatus.ofCode(jobStatus).map(KwikJobStatus::normalised);
    }

    /** A delivery task that is not finished: a booking someone could still ride. An unknown code counts as live. */
    public boolean isLiveDelivery() {
        return jobType == DELIVERY && status().map(s -> !s.isTerminal()).orElse(true);
    }

    /**
     * A delivery task a courier rides or has ridden: live, or already delivered. A booking whose reply we
     * never saw (a lost reply, a worker killed before its commit) may be delivered by the time we look
     * again — after a lease, or a long outage: booking again would send a second courier.
     */
    public boolean isRiddenDelivery() {
        return isLiveDelivery() || (jobType == DELIVERY && status().filter(DispatchStatus.DELIVERED::equals).isPresent());
    }
}
