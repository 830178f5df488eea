import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { atLeast } from "../../engine/build-engine";
import { ENGINE_MODULE_DIR, engineBinDir, pinnedPulumiVersion, requiredGoVersion } from "../../engine/pulumi-engine";

const REPO_ROOT = join(__dirname, "..", "..");

describe("the engine's tools module (npm run engine)", () => {
    it("pins pkg and sdk of github.com/pulumi/pulumi at one version", () => {
        const goMod = readFileSync(join(ENGINE_MODULE_DIR, "go.mod"), "utf8");
        const sdk = /^\s*github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)/m.exec(goMod)?.[1];
        assert.equal(sdk, pinnedPulumiVersion());
        assert.match(goMod, /^tool github\.com\/pulumi\/pulumi\/pkg\/v3\/cmd\/pulumi$/m);
    });

    it("builds into a cache folder outside the repository, named after the version", () => {
        const dir = engineBinDir();
        assert.ok(!dir.startsWith(REPO_ROOT), dir);
        assert.ok(dir.includes(`pulumi-${pinnedPulumiVersion()}-`), dir);
    });

    it("compares Go versions by number", () => {
        assert.ok(atLeast("1.26.8", requiredGoVersion()));
        assert.ok(atLeast("1.26.6", "1.26.6"));
        assert.ok(atLeast("1.27", "1.26.6"));
        assert.ok(!atLeast("1.26.5", "1.26.6"));
        assert.ok(!atLeast("1.9.9", "1.26"));
    });

    it("fails at once without Go, saying what to install", function () {
        this.timeout(60_000);
        // A PATH with node and nothing else.
        const bin = mkdtempSync(join(tmpdir(), "no-go-"));
        try {
            symlinkSync(process.execPath, join(bin, "node"));
            const tsNode = require.resolve("ts-node/dist/bin.js", { paths: [REPO_ROOT] });
            const result = spawnSync(process.execPath, [tsNode, join(ENGINE_MODULE_DIR, "build-engine.ts")], {
                cwd: REPO_ROOT,
                encoding: "utf8",
                env: { PATH: bin, HOME: process.env.HOME, XDG_CACHE_HOME: join(bin, "cache") },
            });
            assert.equal(result.status, 1, result.stderr);
            assert.equal(result.stdout, "", "no folder printed");
            assert.match(result.stderr, /^Go was not found\. npm run engine builds the Pulumi CLI from Go modules and needs Go \d+\.\d+\.\d+ or later on PATH/);
            assert.match(result.stderr, /`npm test` runs with Node\.js alone/);
        } finally {
            rmSync(bin, { recursive: true, force: true });
        }
    });
});
