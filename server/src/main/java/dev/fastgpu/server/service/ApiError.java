package dev.fastgpu.server.service;

/**
 * A failure the caller can fix, mapped to one HTTP status and problem type in one place
 * ({@code dev.fastgpu.server.http.Problems}).
 */
public final class ApiError extends RuntimeException {
    /** The kinds of problem the API reports. */
    public enum Kind {
        INVALID_REQUEST(400, "invalid-request", "Invalid request"),
        INVALID_SPEC(400, "invalid-spec", "Invalid job spec"),
        UNAUTHORIZED(401, "unauthorized", "Missing or invalid token"),
        FORBIDDEN(403, "forbidden", "Not allowed"),
        NOT_FOUND(404, "not-found", "Not found"),
        CONFLICT(409, "conflict", "Conflict");

        public final int status;
        public final String slug;
        public final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }
    }

    private final Kind kind;

    public ApiError(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ApiError invalidSpec(String detail) {
        return new ApiError(Kind.INVALID_SPEC, detail);
    }

    public static ApiError invalid(String detail) {
        return new ApiError(Kind.INVALID_REQUEST, detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(Kind.NOT_FOUND, detail);
    }

    public static ApiError conflict(String detail) {
        return new ApiError(Kind.CONFLICT, detail);
    }

    public static ApiError forbidden(String detail) {
        return new ApiError(Kind.FORBIDDEN, detail);
    }

    public static ApiError unauthorized(String detail) {
        return new ApiError(Kind.UNAUTHORIZED, detail);
    }
}
