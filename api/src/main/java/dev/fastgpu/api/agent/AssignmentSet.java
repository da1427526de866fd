package dev.fastgpu.api.agent;

import dev.fastgpu.model.NodeState;

import java.util.List;

/**
 * Everything a node should be running, level-triggered: start what is listed and not running, stop
 * what runs and is not listed.
 *
 * @param nodeId      the node
 * @param version     changes whenever the set changes; pass it back to long-poll for the next change
 * @param nodeState   the node's state as the server sees it
 * @param assignments the full set
 */
public record AssignmentSet(String nodeId, long version, NodeState nodeState, List<Assignment> assignments) {
}
