package io.ordertriage.model;

/** What the operator should do about a finding (rulebook §2). */
public enum Action {
    CALL_CUSTOMER, CALL_SUPPLIER, REFUND, CANCEL_ORDER, VERIFY_AGE, ADJUST_PRICE,
    REMOVE_ITEM, REMOVE_ITEMS, SUBSTITUTE_ITEM, ESCALATE_REFUND, REVIEW,
    /** §11 on: ask the delivery service where the parcel is. */
    CONTACT_CARRIER,
    /** Hand the order over to the delivery service. */
    SHIP_ORDER,
    /** A customer is standing at the pickup counter. */
    SERVE_CUSTOMER,
    /** The customer paid more than the order's total: refund the difference. */
    REFUND_DIFFERENCE,
    /** The customer paid less than the order's total: collect the difference. */
    COLLECT_DIFFERENCE
}
