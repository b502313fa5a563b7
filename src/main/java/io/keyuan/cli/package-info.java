/** The command-line mode of the jar (seed, bench) and the demo data that the portal starts with. */
package io.keyuan.cli;
