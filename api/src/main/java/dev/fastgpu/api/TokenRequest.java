package dev.fastgpu.api;

/** Ask for a new API token for a user (admin only). The user is created if new. */
public record TokenRequest(String user, boolean admin) {
}
