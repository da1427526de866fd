package dev.fastgpu.agent.logs;

/** The two output streams of a job. */
public enum LogStream { STDOUT, STDERR }
