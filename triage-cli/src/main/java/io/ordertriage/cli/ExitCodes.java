package io.ordertriage.cli;

/** The exit codes of rulebook §10. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int INPUT = 3;
    public static final int RULES = 4;

    private ExitCodes() {
    }
}
