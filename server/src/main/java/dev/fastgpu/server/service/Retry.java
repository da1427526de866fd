package dev.fastgpu.server.service;

import dev.fastgpu.store.ConflictException;

import java.util.function.Supplier;

/** Re-runs a read-modify-commit step when another writer changed the same job first. */
final class Retry {
    private Retry() {}

    static <T> T onConflict(Supplier<T> step) {
        ConflictException last = null;
        for (int i = 0; i < 5; i++) {
            try {
                return step.get();
            } catch (ConflictException e) {
                last = e;
            }
        }
        throw ApiError.conflict("the job changed while this request was processed, five times in a row (" + last.getMessage() + "); try again");
    }
}
