package dev.orderflow.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.jwt.Jwt;

import dev.orderflow.contracts.Roles;

/** Who is calling: the JWT's {@code sub} and {@code roles}. */
public record Caller(String userId, Set<String> roles) {

    public static Caller of(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        Collection<?> values = claim instanceof Collection<?> c ? c
                : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
        return new Caller(jwt.getSubject(), values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet()));
    }

    /** STAFF and ADMIN see and change every order. */
    public boolean isStaff() {
        return roles.contains(Roles.STAFF) || roles.contains(Roles.ADMIN);
    }

    public boolean isAgent() {
        return roles.contains(Roles.AGENT);
    }

    public boolean isCustomer() {
        return roles.contains(Roles.CUSTOMER);
    }

    /**
     * Who may see an order (docs/contract.md): staff every order, a customer its own, an agent
     * those assigned to it. The one rule for the REST API and the realtime gateway.
     */
    public boolean canSee(String orderCustomerId, String orderAgentId) {
        return isStaff()
                || isCustomer() && userId.equals(orderCustomerId)
                || isAgent() && userId.equals(orderAgentId);
    }
}
