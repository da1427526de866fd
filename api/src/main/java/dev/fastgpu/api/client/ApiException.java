package dev.fastgpu.api.client;

import dev.fastgpu.api.Problem;

/** The server answered with an error; {@link #problem()} carries its explanation. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Problem problem;

    public ApiException(int status, Problem problem) {
        super(problem.title() + " (HTTP " + status + "): " + problem.detail());
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }
}
