package dev.fastgpu.store;

/** The database failed (disk full, file locked, corrupt); the message names the cause. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
