// Writes the Markdown table of a fault sweep (fault-sweep.sh): for each defect, its clause and the checks of
// the suite that failed against it, or "missed".  node fault-table.mjs OUT_DIR
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FAULTS } from "./src/faults.js";

const dir = process.argv[2];
const rows = [];
let caught = 0;
let ran = 0;
for (const f of FAULTS) {
  const statusFile = join(dir, `${f.name}.status`);
  if (!existsSync(statusFile)) {
    continue;
  }
  ran++;
  const status = readFileSync(statusFile, "utf8");
  const rc = Number(/rc=(\d+)/.exec(status)?.[1] ?? -1);
  const log = readFileSync(join(dir, `${f.name}.log`), "utf8");
  const failing = log.split("\n").filter((l) => l.startsWith("FAIL ")).map((l) => l.slice(5).replace(/ -- .*$/, ""));
  let verdict;
  if (rc === 0) {
    verdict = "**missed**";
  } else if (failing.length > 0) {
    verdict = failing.map((t) => t.replace(/\|/g, "\\|")).join("<br>");
  } else {
    const last = log.trim().split("\n").filter((l) => l.trim() !== "").at(-1) ?? "";
    verdict = `exit ${rc}: ${last.replace(/\|/g, "\\|").slice(0, 200)}`;
  }
  if (rc !== 0) {
    caught++;
  }
  if (status.includes("dead")) {
    verdict += " (the server died)";
  }
  rows.push(`| \`${f.name}\` | §${f.clause} | ${verdict} |`);
}
console.log(`${caught} of ${ran} faults caught.\n`);
console.log("| fault | clause | caught by (the checks that failed) |");
console.log("|---|---|---|");
console.log(rows.join("\n"));
