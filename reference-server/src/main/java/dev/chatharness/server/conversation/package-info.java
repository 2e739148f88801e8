/** Conversations, participants, visibility (tenant + membership) and contacts. */
package dev.chatharness.server.conversation;
