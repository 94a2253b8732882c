package dev.orderflow.realtime;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module: no cycles between them, no reaching into another's internals. No Spring context. */
class ModuleBoundariesTest {

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        ApplicationModules.of(RealtimeApplication.class).verify();
    }
}
