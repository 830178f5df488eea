/**
 * The single executable's main when it carries a trained code cache (`npm run release -- --startup
 * trained-code-cache`): it reads the wrapped bundle and the code cache of the side it will serve (the Terraform
 * provider under go-plugin's cookie, else the Pulumi plugin: `sea-entry.ts` chooses alike) from the executable's
 * assets, compiles the bundle with that cache (`bundle-wrapper.ts`) and runs it with this script's `require`
 * (built-in modules alone, as the bundle expects). The cache holds every function that side's calls ran at build
 * time (`code-cache-training.ts`), not only the top-level ones Node.js's own `useCodeCache` compiles. A cache V8
 * refuses (which a build never makes) is said on stderr as a warning, and the bundle still runs, compiled as it
 * goes. Measured against Node.js's `useCodeCache` (`perf stat`, 41 rounds): a plan's three starts took 268 ms of
 * CPU instead of 294; V8's lazy compiles went from 15%, 19% and 23% of each start's CPU to 12%, 12% and 17% (what
 * is left includes Node.js's own modules, `node:http2` and TLS among them, whose code this cache cannot hold, and
 * the read, which is not trained: `code-cache-training.ts`), while reading the cache went from 5-7% to 5-8%.
 */
import { dirname } from "node:path";
import { getRawAsset } from "node:sea";
import * as vm from "node:vm";
import { MAGIC_COOKIE_KEY } from "../provider/terraform/handshake";
import { BUNDLE_ASSET, codeCacheAsset, compileBundle } from "./bundle-wrapper";

// The assets as they lie in the executable (`getAsset` would copy each first).
const asset = (key: string): Buffer => {
    const raw = getRawAsset(key);
    return typeof raw === "string" ? Buffer.from(raw) : Buffer.from(raw);
};
// The side `sea-entry.ts` will serve (an argument such as --version runs little of either).
const side = process.env[MAGIC_COOKIE_KEY] !== undefined ? "terraform" : "pulumi";
const compiled = compileBundle(vm, asset(BUNDLE_ASSET).toString("utf8"), asset(codeCacheAsset(side)));
if (compiled.cacheRejected) process.emitWarning("V8 rejected the executable's code cache: its code is compiled as it runs", { code: "CODE_CACHE_REJECTED" });
compiled.run({ exports: {}, require, module: undefined, filename: process.execPath, dirname: dirname(process.execPath) });
