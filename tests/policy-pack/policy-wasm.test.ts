/**
 * The compiled policy the pack ships is the policy of `policy/`: `policy.wasm.json` records what `npm run
 * policy:wasm` compiled it from, which must be the sources as they are now (no opa needed; the engine tests compile
 * again with opa and compare the bytes: tests/engine/policy-opa.test.ts). The pack loads it and finds every
 * entrypoint it evaluates.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CompiledPolicy, ENTRYPOINTS } from "../../examples/policy-pack/compiled-policy";
import { pinnedOpaVersion } from "../../engine/terraform-clis";
import { POLICY_WASM_FILE, POLICY_WASM_RECORD_FILE, policySources, readRecord, REPO_ROOT, staleness } from "../../generate/policy-wasm";

describe("policy: the compiled policy the pack ships", () => {
    it("was compiled from policy/ as it is, by the pinned opa, with the pack's entrypoints", () => {
        assert.deepEqual(staleness(REPO_ROOT, pinnedOpaVersion()), []);
        const record = readRecord();
        assert.deepEqual(Object.keys(record.sources), policySources());
        assert.ok(policySources().includes("policy/verifications.rego"));
        assert.ok(!policySources().some((path) => path.endsWith("_test.rego")), "a test is compiled in");
    });

    it("loads with opa-wasm and has every entrypoint the pack evaluates", () => {
        const compiled = CompiledPolicy.load(join(REPO_ROOT, POLICY_WASM_FILE));
        assert.deepEqual(
            compiled.policies().map(([name]) => name),
            ["message-contact-verification-listing-known", "message-contact-verification-targets-allowed", "no-pending-message-contact-verifications"],
        );
        assert.deepEqual(Object.keys(compiled.settings()).sort(), [
            "allowDeferredReads",
            "allowedEmailDomains",
            "allowedPhoneCountryCodes",
            "defaultPhoneCountryCode",
        ]);
        assert.throws(
            () => new CompiledPolicy(readFileSync(join(REPO_ROOT, "node_modules", "@open-policy-agent", "opa-wasm", "package.json"))),
            /WebAssembly|magic/i,
        );
        assert.equal(ENTRYPOINTS.length, readRecord().entrypoints.length);
    });

    describe("a stale policy.wasm is found", () => {
        let root: string;
        beforeEach(() => {
            root = mkdtempSync(join(tmpdir(), "i25-policy-stale-"));
            for (const path of [...policySources(), POLICY_WASM_FILE, POLICY_WASM_RECORD_FILE]) {
                mkdirSync(dirname(join(root, path)), { recursive: true });
                copyFileSync(join(REPO_ROOT, path), join(root, path));
            }
            symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
            assert.deepEqual(staleness(root, pinnedOpaVersion()), []);
        });
        afterEach(() => rmSync(root, { recursive: true, force: true }));

        it("when a rule changed", () => {
            const file = join(root, "policy", "verifications.rego");
            writeFileSync(file, readFileSync(file, "utf8").replace("pending_count > 0", "pending_count > 1"));
            assert.deepEqual(staleness(root, pinnedOpaVersion()), [
                "policy/verifications.rego changed since examples/policy-pack/policy.wasm was compiled: run npm run policy:wasm",
            ]);
        });

        it("when a source was added, or another opa pinned", () => {
            writeFileSync(join(root, "policy", "extra.rego"), "package main\n");
            writeFileSync(join(root, "policy", "extra_test.rego"), "package main_test\n");
            assert.deepEqual(staleness(root, "v0.0.1"), [
                "policy/extra.rego is newer than examples/policy-pack/policy.wasm (not compiled into it): run npm run policy:wasm",
                `examples/policy-pack/policy.wasm was compiled by opa ${readRecord().opa}, the engine pins v0.0.1: run npm run policy:wasm`,
            ]);
        });

        it("when policy.wasm is not the file recorded", () => {
            writeFileSync(join(root, POLICY_WASM_FILE), Buffer.concat([readFileSync(join(root, POLICY_WASM_FILE)), Buffer.from([0])]));
            assert.deepEqual(staleness(root, pinnedOpaVersion()), [
                "examples/policy-pack/policy.wasm is not the file examples/policy-pack/policy.wasm.json records: run npm run policy:wasm",
            ]);
        });
    });
});
