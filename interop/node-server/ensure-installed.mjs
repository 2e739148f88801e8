// Runs "npm ci" in this folder and in latest/ when their node_modules is missing or older than their
// package-lock.json, so that builds and bench scripts install the server on a fresh clone and skip the network
// when it is already up to date.
import { existsSync, statSync } from "node:fs";
import { execSync } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

for (const dir of [here, join(here, "latest")]) {
  const name = join("interop/node-server", relative(here, dir));
  const lock = join(dir, "package-lock.json");
  const installed = join(dir, "node_modules", ".package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
    console.log(`${name}: node_modules up to date`);
  } else {
    console.log(`${name}: running npm ci`);
    execSync("npm ci --no-audit --no-fund", { cwd: dir, stdio: "inherit" });
  }
}
