package dev.orderflow.kwiksandbox.api;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** Tokens issued by vendor_login. They never expire by themselves; the control API can expire them all. */
@Component
public class AccessTokens {

    private final Set<String> valid = ConcurrentHashMap.newKeySet();

    public String issue() {
        String token = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        valid.add(token);
        return token;
    }

    public void check(String token) {
        if (!valid.contains(token)) {
            throw new KwikError(KwikReply.INVALID_KEY, "Invalid access token");
        }
    }

    public void expireAll() {
        valid.clear();
    }
}
