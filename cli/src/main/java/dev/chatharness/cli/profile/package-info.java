/** {@code profile init}: a commented target profile template. */
package dev.chatharness.cli.profile;
