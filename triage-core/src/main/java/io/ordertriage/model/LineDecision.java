package io.ordertriage.model;

/** What happens to one line of the resolved basket (rulebook §7). */
public enum LineDecision {
    KEEP, SUBSTITUTE, REMOVE
}
