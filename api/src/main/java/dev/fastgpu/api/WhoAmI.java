package dev.fastgpu.api;

/**
 * The caller behind a token.
 *
 * @param user           user name
 * @param kind           ADMIN, USER, AGENT or JOIN
 * @param defaultProject project used when a spec names none
 */
public record WhoAmI(String user, String kind, String defaultProject) {
}
