/**
 * `npm run policy:wasm`: compiles the Rego policy (`policy/*.rego`, its tests aside) to WebAssembly for the Pulumi
 * policy pack, with the `opa` that `npm run engine` builds: `opa build -t wasm` with the pack's entrypoints, limited to
 * the builtins `@open-policy-agent/opa-wasm` implements (its capabilities.json), so that a policy the pack could not
 * evaluate does not compile. It writes `examples/policy-pack/policy.wasm` and, beside it, `policy.wasm.json`: what
 * it was compiled from (each source's SHA-256, opa's and opa-wasm's versions, the entrypoints) and its own SHA-256.
 * `npm test` compares that record with the files (no opa needed: tests/policy-pack/policy-wasm.test.ts); the engine
 * tests compile again and compare the bytes.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { z } from "zod";
import { ENTRYPOINTS } from "../examples/policy-pack/compiled-policy";

/** The repository's root. */
export const REPO_ROOT = join(__dirname, "..");
/** The Rego policy's folder (conftest's layout). */
export const POLICY_DIR = "policy";
/** The compiled policy the pack ships. */
export const POLICY_WASM_FILE = join("examples", "policy-pack", "policy.wasm");
/** What it was compiled from. */
export const POLICY_WASM_RECORD_FILE = `${POLICY_WASM_FILE}.json`;

const recordSchema = z.strictObject({
    opa: z.string(),
    opaWasm: z.string(),
    entrypoints: z.array(z.string()),
    sources: z.record(z.string(), z.string()),
    wasm: z.string(),
});

/** `policy.wasm.json`: what `policy.wasm` was compiled from, and its hash. */
export type PolicyWasmRecord = z.infer<typeof recordSchema>;

/** The policy's sources, relative to the root, sorted: every `.rego` of `policy/` but the `_test.rego` files. */
export function policySources(root: string = REPO_ROOT): string[] {
    return readdirSync(join(root, POLICY_DIR))
        .filter((name) => name.endsWith(".rego") && !name.endsWith("_test.rego"))
        .sort()
        .map((name) => `${POLICY_DIR}/${name}`);
}

function sha256(bytes: Buffer): string {
    return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** The version of `@open-policy-agent/opa-wasm` installed at the root. */
export function opaWasmVersion(root: string = REPO_ROOT): string {
    const manifest = JSON.parse(readFileSync(join(root, "node_modules", "@open-policy-agent", "opa-wasm", "package.json"), "utf8")) as { version: string };
    return manifest.version;
}

/** The record of `wasm` compiled from the root's sources now, by `opaVersion`. */
export function recordFor(root: string, wasm: Buffer, opaVersion: string, wasmVersion: string = opaWasmVersion(root)): PolicyWasmRecord {
    return {
        opa: opaVersion,
        opaWasm: wasmVersion,
        entrypoints: [...ENTRYPOINTS],
        sources: Object.fromEntries(policySources(root).map((path) => [path, sha256(readFileSync(join(root, path)))])),
        wasm: sha256(wasm),
    };
}

/** The committed record. */
export function readRecord(root: string = REPO_ROOT): PolicyWasmRecord {
    return recordSchema.parse(JSON.parse(readFileSync(join(root, POLICY_WASM_RECORD_FILE), "utf8")));
}

/**
 * What makes the committed `policy.wasm` stale, each naming a file or fact and saying to run `npm run policy:wasm`;
 * empty when it is up to date. `opaVersion` is the pinned opa's (engine/opa/go.mod).
 */
export function staleness(root: string, opaVersion: string): string[] {
    const recorded = readRecord(root);
    const now = recordFor(root, readFileSync(join(root, POLICY_WASM_FILE)), opaVersion);
    const found: string[] = [];
    for (const path of new Set([...Object.keys(recorded.sources), ...Object.keys(now.sources)])) {
        const was = recorded.sources[path];
        const is = now.sources[path];
        if (was === undefined) found.push(`${path} is newer than ${POLICY_WASM_FILE} (not compiled into it)`);
        else if (is === undefined) found.push(`${path} was compiled into ${POLICY_WASM_FILE} but is gone`);
        else if (was !== is) found.push(`${path} changed since ${POLICY_WASM_FILE} was compiled`);
    }
    if (recorded.wasm !== now.wasm) found.push(`${POLICY_WASM_FILE} is not the file ${POLICY_WASM_RECORD_FILE} records`);
    if (recorded.opa !== now.opa) found.push(`${POLICY_WASM_FILE} was compiled by opa ${recorded.opa}, the engine pins ${now.opa}`);
    if (recorded.opaWasm !== now.opaWasm) found.push(`${POLICY_WASM_FILE} was compiled for opa-wasm ${recorded.opaWasm}, ${now.opaWasm} is installed`);
    if (recorded.entrypoints.join() !== now.entrypoints.join()) {
        found.push(`${POLICY_WASM_FILE} has the entrypoints ${recorded.entrypoints.join(", ")}, the pack evaluates ${now.entrypoints.join(", ")}`);
    }
    return found.map((what) => `${what}: run npm run policy:wasm`);
}

/** opa's capabilities (its features) with only the builtins opa-wasm implements. */
export function wasmCapabilities(opa: string, root: string = REPO_ROOT): Record<string, unknown> {
    const builtins = z.object({ builtins: z.array(z.looseObject({ name: z.string() })) });
    const current = builtins.loose().parse(JSON.parse(execFileSync(opa, ["capabilities", "--current"], { encoding: "utf8" })));
    const implemented = builtins.parse(JSON.parse(readFileSync(join(root, "node_modules", "@open-policy-agent", "opa-wasm", "capabilities.json"), "utf8")));
    const names = new Set(implemented.builtins.map((builtin) => builtin.name));
    return { ...current, builtins: current.builtins.filter((builtin) => names.has(builtin.name)) };
}

/** Compiles the policy with `opa` and returns `policy.wasm`'s bytes. */
export function buildPolicyWasm(opa: string, root: string = REPO_ROOT): Buffer {
    const work = mkdtempSync(join(tmpdir(), "policy-wasm-"));
    try {
        const capabilities = join(work, "capabilities.json");
        writeFileSync(capabilities, JSON.stringify(wasmCapabilities(opa, root)));
        const bundle = join(work, "bundle.tar.gz");
        const entrypoints = ENTRYPOINTS.flatMap((entrypoint) => ["-e", entrypoint]);
        execFileSync(opa, ["build", "-t", "wasm", "--capabilities", capabilities, ...entrypoints, "-o", bundle, ...policySources(root)], {
            cwd: root,
            stdio: ["ignore", "pipe", "pipe"],
        });
        execFileSync("tar", ["-xzf", bundle, "-C", work, "/policy.wasm"], { stdio: ["ignore", "pipe", "pipe"] });
        return readFileSync(join(work, "policy.wasm"));
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

/** The record as the repository formats JSON. */
export async function recordText(record: PolicyWasmRecord, root: string = REPO_ROOT): Promise<string> {
    const filepath = join(root, POLICY_WASM_RECORD_FILE);
    return format(JSON.stringify(record), { ...((await resolveConfig(filepath)) ?? {}), filepath });
}

async function main(): Promise<void> {
    // Loaded here only: the rest of this module needs no engine.
    const { findTerraformClis } = await import("../engine/terraform-clis");
    const clis = findTerraformClis();
    const wasm = buildPolicyWasm(clis.opa);
    writeFileSync(join(REPO_ROOT, POLICY_WASM_FILE), wasm);
    writeFileSync(join(REPO_ROOT, POLICY_WASM_RECORD_FILE), await recordText(recordFor(REPO_ROOT, wasm, clis.versions.opa)));
    process.stdout.write(`wrote ${POLICY_WASM_FILE} (${wasm.length} bytes) and ${POLICY_WASM_RECORD_FILE}\n`);
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`npm run policy:wasm: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    });
}
