/** Renders API answers as aligned text tables or as JSON ({@code -o json}). */
package dev.fastgpu.cli.render;
