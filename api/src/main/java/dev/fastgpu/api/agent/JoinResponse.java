package dev.fastgpu.api.agent;

/**
 * The server's answer to a join.
 *
 * @param nodeId              the node's id (keep it for rejoins)
 * @param agentToken          bearer token for every later agent call (only valid for this node)
 * @param heartbeatIntervalMs how often to heartbeat
 * @param nodeTimeoutMs       after this long without a heartbeat the server marks the node DOWN and its jobs LOST
 * @param longPollTimeoutMs   the longest the server holds an assignments request
 */
public record JoinResponse(String nodeId, String agentToken, long heartbeatIntervalMs, long nodeTimeoutMs,
                           long longPollTimeoutMs) {
}
