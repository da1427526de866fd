package dev.fastgpu.store;

/** A {@link Change} was built from state that another writer changed first; nothing was written. Re-read and retry. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
