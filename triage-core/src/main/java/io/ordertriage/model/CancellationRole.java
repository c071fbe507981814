package io.ordertriage.model;

/**
 * Who cancelled an order, and so which kind of reason they may give (rulebook §15): the operator
 * the customer's reasons, the administrator the technical ones, the courier those that arise at
 * delivery.
 */
public enum CancellationRole {
    OPERATOR, ADMINISTRATOR, COURIER
}
