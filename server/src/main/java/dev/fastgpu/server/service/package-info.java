/** Services that own the state: jobs and their transitions, nodes, the agent protocol, tokens, pricing and metering. */
package dev.fastgpu.server.service;
