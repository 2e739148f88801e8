package dev.chatharness.server.storage;

/** The database failed; answered as {@code internal} without detail. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
