package io.ordertriage.model;

/** How urgent a finding is: {@link #P1} most urgent, {@link #P4} information only (rulebook §2). */
public enum Priority {
    P1, P2, P3, P4;

    /** True for P1, P2 and P3: a finding of such a priority needs a person. */
    public boolean needsAttention() {
        return this != P4;
    }
}
