package dev.orderflow.platform.outbox;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Makes the {@link IdempotentConsumer} of each listener. */
public class IdempotentConsumers {

    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final TransactionTemplate tx;

    public IdempotentConsumers(ProcessedEvents processed, JsonMapper json, PlatformTransactionManager transactions) {
        this.processed = processed;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
    }

    /** @param name the consumer's name in the processed-events ledger: one per listener, never reused */
    public IdempotentConsumer named(String name) {
        return new IdempotentConsumer(name, processed, json, tx);
    }
}
