import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { WASM_BASELINE_FLAG } from "../../provider/plugin-process/wasm-baseline";

const WASM_BASELINE = join(__dirname, "..", "..", "dist", "provider", "plugin-process", "wasm-baseline.js");

describe("WebAssembly's baseline code only, in a plugin process (plugin-process/wasm-baseline.ts)", () => {
    it("sets a V8 flag this Node.js knows (an unknown one would only print an error, and the optimizing compile would come back)", () => {
        const script = `require(${JSON.stringify(WASM_BASELINE)}).useWasmBaselineOnly(); process.stdout.write("set")`;
        const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, "set");
        assert.equal(run.stderr, "", `V8 does not know ${WASM_BASELINE_FLAG}`);
    });

    it("is V8's flag for Liftoff's code only", () => {
        const help = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" });
        assert.match(help.stdout, new RegExp(`^\\s+${WASM_BASELINE_FLAG} \\(disallow TurboFan compilation for WebAssembly`, "m"));
    });
});
