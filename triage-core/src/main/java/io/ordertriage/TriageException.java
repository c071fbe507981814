package io.ordertriage;

/** Base of the exceptions the engine throws for problems a caller can act on. */
public class TriageException extends RuntimeException {
    public TriageException(String message) {
        super(message);
    }

    public TriageException(String message, Throwable cause) {
        super(message, cause);
    }
}
