/**
 * Preload (`node -r`) that writes, when the process exits, every module in require.cache to the file named by
 * BENCH_MODULES_OUT, as a JSON array of absolute paths.
 */
import { writeFileSync } from "node:fs";

const out = process.env["BENCH_MODULES_OUT"];
if (out) process.on("exit", () => writeFileSync(out, JSON.stringify(Object.keys(require.cache))));
