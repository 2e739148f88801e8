package dev.chatharness.server.message;

import dev.chatharness.server.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for messages and read receipts. Every statement is auto-committed before it returns. */
final class MessageRepository {
    private static final String COLUMNS =
            "id, conversation_id, seq, sender_id, body, client_message_id, created_at, edited_at";
    private final Database db;

    MessageRepository(Database db) {
        this.db = db;
    }

    void insert(Message m) {
        db.call(conn -> insert(conn, m));
    }

    /** The INSERT of {@code m} on {@code conn}, inside whatever transaction {@code conn} is in. */
    static int insert(Connection conn, Message m) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO message (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, m.id());
            ps.setString(2, m.conversationId());
            ps.setLong(3, m.seq());
            ps.setString(4, m.senderId());
            ps.setString(5, m.body());
            if (m.clientMessageId() == null) {
                ps.setNull(6, Types.VARCHAR);
            } else {
                ps.setString(6, m.clientMessageId());
            }
            ps.setLong(7, m.createdAt().toEpochMilli());
            ps.setNull(8, Types.BIGINT);
            return ps.executeUpdate();
        }
    }

    /** A message of that conversation that is not deleted. */
    Optional<Message> find(String conversationId, String messageId) {
        return findOne("id = ? AND conversation_id = ? AND deleted_at IS NULL", messageId, conversationId);
    }

    /** A message by id alone, whatever its conversation: only the {@code MESSAGE_FOUND_BY_ID_ALONE} defect asks. */
    Optional<Message> findAnywhere(String messageId) {
        return findOne("id = ? AND deleted_at IS NULL", messageId);
    }

    Optional<Message> findByClientId(String conversationId, String senderId, String clientMessageId) {
        return findOne("conversation_id = ? AND sender_id = ? AND client_message_id = ? ORDER BY seq LIMIT 1",
                conversationId, senderId, clientMessageId);
    }

    /** The first message matching {@code condition}, whose {@code ?} are bound to {@code params} in order. */
    private Optional<Message> findOne(String condition, String... params) {
        return db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM message WHERE " + condition)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    List<Message> list(String conversationId, long afterSeq, int limit) {
        return db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS
                    + " FROM message WHERE conversation_id = ? AND seq > ? AND deleted_at IS NULL ORDER BY seq LIMIT ?")) {
                ps.setString(1, conversationId);
                ps.setLong(2, afterSeq);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Message> items = new ArrayList<>();
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                    return items;
                }
            }
        });
    }

    /** Highest seq ever given in the conversation (deleted messages count: seq never goes back). */
    long lastSeq(String conversationId) {
        return db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT COALESCE(MAX(seq), 0) FROM message WHERE conversation_id = ?")) {
                ps.setString(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    void updateBody(String messageId, String body, Instant editedAt) {
        db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE message SET body = ?, edited_at = ? WHERE id = ?")) {
                ps.setString(1, body);
                ps.setLong(2, editedAt.toEpochMilli());
                ps.setString(3, messageId);
                return ps.executeUpdate();
            }
        });
    }

    void markDeleted(String messageId, Instant at) {
        db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE message SET deleted_at = ? WHERE id = ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, messageId);
                return ps.executeUpdate();
            }
        });
    }

    Optional<Receipt> findReceipt(String conversationId, String messageId, String userId) {
        return db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT read_at FROM receipt WHERE message_id = ? AND user_id = ?")) {
                ps.setString(1, messageId);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Receipt(conversationId, messageId, userId, Instant.ofEpochMilli(rs.getLong(1))))
                            : Optional.empty();
                }
            }
        });
    }

    void insertReceipt(Receipt r) {
        db.call(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO receipt (message_id, user_id, conversation_id, read_at) VALUES (?,?,?,?)")) {
                ps.setString(1, r.messageId());
                ps.setString(2, r.userId());
                ps.setString(3, r.conversationId());
                ps.setLong(4, r.readAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    private static Message read(ResultSet rs) throws SQLException {
        long edited = rs.getLong(8);
        Instant editedAt = rs.wasNull() ? null : Instant.ofEpochMilli(edited);
        return new Message(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), editedAt);
    }
}
