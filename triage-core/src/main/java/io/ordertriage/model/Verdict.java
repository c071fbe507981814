package io.ordertriage.model;

/** {@link #ATTENTION} when an order has a P1, P2 or P3 finding, {@link #OK} otherwise (rulebook §2). */
public enum Verdict {
    OK, ATTENTION
}
