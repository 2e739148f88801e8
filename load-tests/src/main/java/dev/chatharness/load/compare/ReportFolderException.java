package dev.chatharness.load.compare;

/** A folder given to {@code load compare} is not a readable report folder; the message says which and why. */
public final class ReportFolderException extends RuntimeException {
    public ReportFolderException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReportFolderException(String message) {
        super(message);
    }
}
