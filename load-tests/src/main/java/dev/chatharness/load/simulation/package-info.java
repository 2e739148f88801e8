/**
 * The Gatling simulations ({@link dev.chatharness.load.simulation.FanOut},
 * {@link dev.chatharness.load.simulation.ConnectionStorm}, {@link dev.chatharness.load.simulation.ChatMix}), their
 * shared Socket.IO chains, the run state, the settings ({@link dev.chatharness.load.simulation.LoadConfig}) and the
 * bridge to Gatling's clock and stats engine.
 */
package dev.chatharness.load.simulation;
