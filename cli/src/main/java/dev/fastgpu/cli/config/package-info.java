/** Where the CLI finds its server and token: flags, then FASTGPU_URL / FASTGPU_TOKEN, then the config file. */
package dev.fastgpu.cli.config;
