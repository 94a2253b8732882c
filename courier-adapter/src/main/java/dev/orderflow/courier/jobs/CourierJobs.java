package dev.orderflow.courier.jobs;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The job → order directory, learnt from dispatch events. */
@Repository
public class CourierJobs {

    private final JdbcClient jdbc;

    public CourierJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises everything about one job until the transaction ends, so a callback stored as
     * unmatched and the dispatch event that names its order cannot miss each other.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String provider, String jobId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param(provider + ":" + jobId).query(Object.class).single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void remember(String provider, String jobId, String orderId, String dispatchId) {
        jdbc.sql("""
                INSERT INTO courier_jobs (provider, provider_job_id, order_id, dispatch_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (provider, provider_job_id) DO UPDATE SET order_id = EXCLUDED.order_id,
                    dispatch_id = EXCLUDED.dispatch_id""")
                .params(provider, jobId, orderId, dispatchId)
                .update();
    }

    public Optional<String> orderIdOf(String provider, String jobId) {
        return jdbc.sql("SELECT order_id FROM courier_jobs WHERE provider = ? AND provider_job_id = ?")
                .params(provider, jobId)
                .query(String.class)
                .optional();
    }
}
