// Runs "npm ci" when node_modules is missing or older than package-lock.json, so the Maven build installs the
// interop dependencies on a fresh clone and skips the network when they are already up to date.
import { existsSync, statSync } from "node:fs";
import { execSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const lock = join(here, "package-lock.json");
const installed = join(here, "node_modules", ".package-lock.json");

if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
  console.log("interop/node: node_modules up to date");
} else {
  console.log("interop/node: running npm ci");
  execSync("npm ci --no-audit --no-fund", { cwd: here, stdio: "inherit" });
}
