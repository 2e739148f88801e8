package dev.chatharness.server.rest;

import java.util.List;

/** REST list body: {@code {"items":[...]}}. */
record Items<T>(List<T> items) {
}
