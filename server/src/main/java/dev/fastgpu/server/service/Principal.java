package dev.fastgpu.server.service;

import dev.fastgpu.store.TokenKind;

/**
 * Who is calling: resolved from the bearer token.
 *
 * @param user   user name
 * @param kind   token kind
 * @param nodeId for agent tokens, the node they speak for
 */
public record Principal(String user, TokenKind kind, String nodeId) {
    public boolean isAdmin() {
        return kind == TokenKind.ADMIN;
    }
}
