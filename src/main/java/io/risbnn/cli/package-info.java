/**
 * The {@code risbnn} command line (picocli): {@link io.risbnn.cli.Main}, one class per command and the
 * option mixins they share, each option checked before any output is written. Commands parse and check
 * their options, then call {@code experiment}, {@code predict}, {@code eval} or {@code bench};
 * {@link io.risbnn.cli.EngineSetup} makes the engine run offline on the bundled CPU natives.
 */
package io.risbnn.cli;
