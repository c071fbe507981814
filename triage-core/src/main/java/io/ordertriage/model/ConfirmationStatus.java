package io.ordertriage.model;

/** Whether the supplier (or organiser) has confirmed the order (rulebook §1). */
public enum ConfirmationStatus {
    NOT_REQUIRED, AWAITING, CONFIRMED, REJECTED
}
