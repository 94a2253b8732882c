package dev.orderflow.contracts;

/** JWT {@code roles} claim values (docs/contract.md §1). */
public final class Roles {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String STAFF = "STAFF";
    public static final String ADMIN = "ADMIN";
    public static final String AGENT = "AGENT";

    private Roles() {
    }
}
