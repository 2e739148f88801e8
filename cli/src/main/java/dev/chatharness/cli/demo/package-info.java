/** {@code demo}: an embedded reference server, the whole suite and a short load, and one verdict table. */
package dev.chatharness.cli.demo;
