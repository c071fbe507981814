package io.ordertriage.model;

/** The state of the customer's payment (rulebook §1). */
public enum PaymentStatus {
    PENDING, PAID, FAILED, REFUND_PENDING, REFUNDED
}
