package dev.orderflow.contracts.kwik;

/**
 * Every field name of Kwik's (Tookan-based) vendor API that we read or write, in one place so a
 * correction is one edit (docs/kwik.md). Used by the Kwik sandbox, the dispatch
 * service's Kwik client and the courier-adapter's webhook.
 */
public final class KwikFields {

    // every reply: {status, message, data}; body status 200 = success whatever the HTTP status
    public static final String STATUS = "status";
    public static final String MESSAGE = "message";
    public static final String DATA = "data";

    // credentials (login) and the token sent in the BODY of later calls
    public static final String DOMAIN_NAME = "domain_name";
    public static final String EMAIL = "email";
    public static final String PASSWORD = "password";
    public static final String API_LOGIN = "api_login";
    public static final String ACCESS_TOKEN = "access_token";
    public static final String VENDOR_ID = "vendor_id";
    public static final String USER_ID = "user_id";
    public static final String VENDOR_DETAILS = "vendor_details";

    // quote and booking
    public static final String PICKUPS = "pickups";
    public static final String DELIVERIES = "deliveries";
    public static final String ADDRESS = "address";
    public static final String NAME = "name";
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";
    public static final String TIME = "time";
    public static final String PHONE = "phone";
    public static final String HAS_RETURN_TASK = "has_return_task";
    public static final String IS_PACKAGE_INSURED = "is_package_insured";
    public static final String HAS_PICKUP = "has_pickup";
    public static final String HAS_DELIVERY = "has_delivery";
    public static final String AUTO_ASSIGNMENT = "auto_assignment";
    public static final String IS_MULTIPLE_TASKS = "is_multiple_tasks";
    public static final String TIMEZONE = "timezone";
    public static final String PAYMENT_METHOD = "payment_method";
    public static final String AMOUNT = "amount";
    public static final String DELIVERY_INSTRUCTION = "delivery_instruction";
    public static final String PER_TASK_COST = "per_task_cost";
    public static final String TOTAL_NO_OF_TASKS = "total_no_of_tasks";
    public static final String TOTAL_SERVICE_CHARGE = "total_service_charge";
    /** Our reference (the orderId) on the booking; echoed on every task view and callback. */
    public static final String ORDER_ID = "order_id";
    /** get_job_details_by_order_id: the merchant references to look up (Tookan; assumed for Kwik). */
    public static final String ORDER_IDS = "order_ids";
    public static final String UNIQUE_ORDER_ID = "unique_order_id";
    public static final String JOB_STATUS_CHECK_LINK = "job_status_check_link";

    // one task (job): booking reply items, get_task_status data, webhook callback body
    public static final String JOB_ID = "job_id";
    public static final String JOB_HASH = "job_hash";
    public static final String JOB_STATUS = "job_status";
    public static final String JOB_STATE = "job_state";
    /** Tookan job type: 0 pickup, 1 delivery. */
    public static final String JOB_TYPE = "job_type";
    public static final String TRACKING_LINK = "tracking_link";
    public static final String FLEET_ID = "fleet_id";
    public static final String FLEET_NAME = "fleet_name";
    public static final String FLEET_PHONE = "fleet_phone";
    public static final String FLEET_LATITUDE = "fleet_latitude";
    public static final String FLEET_LONGITUDE = "fleet_longitude";
    public static final String CREATION_DATETIME = "creation_datetime";
    /** When the task reached its current status (ISO-8601 UTC). */
    public static final String TIMESTAMP = "timestamp";

    private KwikFields() {
    }
}
