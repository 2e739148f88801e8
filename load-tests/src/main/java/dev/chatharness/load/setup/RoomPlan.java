package dev.chatharness.load.setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rooms this injector owns, each with its conversation on the target and its members' tokens. */
public record RoomPlan(List<Room> rooms, int membersPerRoom) {

    /** One room: the conversation every member joins. */
    public record Room(int index, String conversationId, List<Member> members) {
    }

    public RoomPlan {
        rooms = List.copyOf(rooms);
    }

    public List<Member> allMembers() {
        List<Member> all = new ArrayList<>();
        rooms.forEach(r -> all.addAll(r.members()));
        return all;
    }

    public int socketCount() {
        return rooms.size() * membersPerRoom;
    }

    /** Room index by conversation id, so a receiver can tell which room an event belongs to. */
    public Map<String, Integer> roomByConversation() {
        Map<String, Integer> map = new HashMap<>();
        rooms.forEach(r -> map.put(r.conversationId(), r.index()));
        return map;
    }
}
