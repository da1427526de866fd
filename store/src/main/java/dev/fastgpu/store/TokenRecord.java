package dev.fastgpu.store;

import java.time.Instant;

/**
 * A token as stored: only the SHA-256 hash of the secret is kept.
 *
 * @param hash      hex SHA-256 of the secret
 * @param kind      what it may do
 * @param user      the user it belongs to (agents and joins belong to the system user)
 * @param nodeId    for AGENT tokens, the node; otherwise null
 * @param createdAt when
 */
public record TokenRecord(String hash, TokenKind kind, String user, String nodeId, Instant createdAt) {
}
