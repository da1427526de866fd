package dev.fastgpu.api;

/** A new token; the secret is shown only in this response (the server keeps a hash). */
public record TokenCreated(String user, String kind, String token) {
}
