package dev.orderflow.dispatch.kwik;

import java.util.Optional;

import dev.orderflow.contracts.dispatch.DispatchStatus;
import dev.orderflow.contracts.dispatch.Driver;
import dev.orderflow.contracts.kwik.KwikJobStatus;

/** One task as get_task_status shows it. */
public record KwikTask(String jobId, int jobStatus, Driver driver) {

    /** The normalised status; empty for a code Kwik does not define. */
    public Optional<DispatchStatus> status() {
        return KwikJobStatus.ofCode(jobStatus).map(KwikJobStatus::normalised);
    }
}
