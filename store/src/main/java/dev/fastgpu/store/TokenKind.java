package dev.fastgpu.store;

/** What a bearer token may do. */
public enum TokenKind {
    /** Everything, including drain and token creation. */
    ADMIN,
    /** Submit and see jobs, see nodes. */
    USER,
    /** Only join new nodes. */
    JOIN,
    /** Only the agent protocol of one node. */
    AGENT
}
