/** Online/offline and status announcements to contacts, and typing indicators. */
package dev.chatharness.server.presence;
