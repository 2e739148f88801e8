package dev.chatharness.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent Chat v2 servers of {@code interop/}, written from {@code specs/contract.md} by other hands than the
 * reference server's, and how each is started. They all take the options of {@code chat-harness serve} and print
 * {@code listening on http://127.0.0.1:P} when ready.
 */
enum ForeignTarget {
    NODE("node, socket.io 4.7.2", "node-server", "node interop/node-server/server.js"),
    NODE_LATEST("node, socket.io 4.8.x", "node-server", "node interop/node-server/server.js --socketio latest"),
    PYTHON("python-socketio 5.7 (Debian)", "python-server", "/usr/bin/python3 interop/python-server/server.py");

    private final String label;
    private final String folder;
    private final String byHand;

    ForeignTarget(String label, String folder, String byHand) {
        this.label = label;
        this.folder = folder;
        this.byHand = byHand;
    }

    /** What the matrix calls it. */
    String label() {
        return label;
    }

    /** The command a user types from the repository's root, without the common options. */
    String byHand() {
        return byHand;
    }

    /** The folder the server lives in. */
    Path folder() {
        return Interop.dir().resolve(folder);
    }

    /** The process command: the interpreter, the script, the version switch, then {@code options}. */
    List<String> command(List<String> options) {
        List<String> command = new ArrayList<>();
        switch (this) {
            case NODE, NODE_LATEST -> {
                command.add(Interop.node());
                command.add("server.js");
                command.add("--socketio");
                command.add(this == NODE ? "pinned" : "latest");
            }
            case PYTHON -> {
                command.add(Interop.python());
                command.add("server.py");
            }
        }
        command.addAll(options);
        return command;
    }
}
