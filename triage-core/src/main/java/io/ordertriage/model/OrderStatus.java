package io.ordertriage.model;

/** Where the order is in its life cycle (rulebook §1). */
public enum OrderStatus {
    NEW, CONFIRMED, ASSEMBLING, READY, IN_DELIVERY, COMPLETED, CANCELLED
}
