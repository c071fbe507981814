package io.ordertriage.cli.io;

/** The input cannot be read at all (exit code 3): missing file, missing required column, undecodable bytes. */
public class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
