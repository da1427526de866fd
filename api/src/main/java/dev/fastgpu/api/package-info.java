/** The HTTP/JSON contract of the control plane: request and response records shared by server, agent and CLI. */
package dev.fastgpu.api;
