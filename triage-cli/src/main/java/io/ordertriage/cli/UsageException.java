package io.ordertriage.cli;

/** An option value that cannot be used (exit code 2); the message says what would be accepted. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
