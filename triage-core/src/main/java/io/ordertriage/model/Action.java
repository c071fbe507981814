package io.ordertriage.model;

/** What the operator should do about a finding (rulebook §2). */
public enum Action {
    CALL_CUSTOMER, CALL_SUPPLIER, REFUND, CANCEL_ORDER, VERIFY_AGE, ADJUST_PRICE,
    REMOVE_ITEM, REMOVE_ITEMS, SUBSTITUTE_ITEM, ESCALATE_REFUND, REVIEW
}
