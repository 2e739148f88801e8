/** {@code token}: an HS256 token from the shared secret, minted by the harness's one minter. */
package dev.chatharness.cli.token;
