package dev.fastgpu.api;

/**
 * An error body ({@code application/problem+json}, RFC 9457).
 *
 * @param type   a URI naming the kind of problem, e.g. "https://fastgpu.dev/problems/invalid-spec"
 * @param title  short summary, e.g. "Invalid job spec"
 * @param status HTTP status
 * @param detail what was wrong and how to fix it
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
