package io.ordertriage.model;

/** How the order reaches the customer (rulebook §1, §11, §13). */
public enum Fulfilment {
    /** Handed to a delivery service and brought to the recipient (§11). */
    DELIVERY,
    /** Collected by the customer at the store's counter (§13). */
    PICKUP
}
