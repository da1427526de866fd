/** JSON written by hand on the submission path, byte for byte as the API's Jackson mapper writes it. */
package dev.fastgpu.server.json;
