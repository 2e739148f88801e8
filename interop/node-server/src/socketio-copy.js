// Loads the socket.io copy to run: the pinned 4.7.2 of ./package.json (what the Chat v2 backend ships), or the
// newest 4.8.x of ./latest/package.json. Its parser is the socket.io-parser that copy itself resolves, so the
// guard extends exactly the Decoder that copy would use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** @param {"pinned"|"latest"} which */
export function loadSocketIo(which) {
  const dir = which === "latest" ? join(root, "latest") : root;
  const requireHere = createRequire(join(dir, "package.json"));
  let entry;
  try {
    entry = requireHere.resolve("socket.io");
  } catch {
    throw new Error(`socket.io is not installed in ${dir}: run node ensure-installed.mjs`);
  }
  const requireFromSocketIo = createRequire(entry);
  return {
    Server: requireHere("socket.io").Server,
    parser: requireFromSocketIo("socket.io-parser"),
    versions: {
      "socket.io": versionOf("socket.io", entry),
      "engine.io": versionOf("engine.io", requireFromSocketIo.resolve("engine.io")),
      "socket.io-parser": versionOf("socket.io-parser", requireFromSocketIo.resolve("socket.io-parser")),
    },
  };
}

/** The version in the package.json of `name` that holds the resolved file `entry`. */
function versionOf(name, entry) {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (pkg.name === name) {
        return pkg.version;
      }
    } catch {
      // no package.json at this level (or one of a build folder): look higher
    }
  }
  return "unknown";
}
