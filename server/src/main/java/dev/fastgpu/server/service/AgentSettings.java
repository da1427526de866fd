package dev.fastgpu.server.service;

import java.time.Duration;

/**
 * Timing of the agent protocol.
 *
 * @param heartbeatInterval how often agents heartbeat
 * @param nodeTimeout       silence after which a node is DOWN and its jobs LOST
 * @param longPollTimeout   the longest an assignments request is held
 */
public record AgentSettings(Duration heartbeatInterval, Duration nodeTimeout, Duration longPollTimeout) {
}
