import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { closeAllPools, poolFor, undici } from "../../provider/alibaba-client/transport/connection-pools";

const CONNECTION_POOLS = join(__dirname, "..", "..", "dist", "provider", "alibaba-client", "transport", "connection-pools.js");

describe("connection pools (transport/connection-pools.ts)", () => {
    after(() => closeAllPools());

    it("take undici's Pool and request from their own modules: the very functions undici's index gives", () => {
        const index = require("undici") as typeof import("undici");
        assert.equal(undici().Pool, index.Pool);
        const pool = poolFor("http://127.0.0.1:9");
        assert.ok(pool instanceof index.Pool);
        // The index puts `request` on every dispatcher's prototype; the transport calls the same function.
        const requestModule = require("undici/lib/api/api-request") as unknown;
        assert.equal(requestModule, (index.Dispatcher.prototype as unknown as { request: unknown }).request);
    });

    it("do not load undici's index (nor Node's own undici) to list", () => {
        const script = `const p = require(${JSON.stringify(CONNECTION_POOLS)}); p.poolFor("http://127.0.0.1:9"); process.stdout.write(JSON.stringify([Object.keys(require.cache).some((f) => /undici[\\\\/]index\\.js$/.test(f)), process.moduleLoadList.some((m) => m.includes("deps/undici"))]))`;
        const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout), [false, false]);
    });

    it("share one pool per origin and limits, and make another when the limits differ", () => {
        const a = poolFor("http://127.0.0.1:9");
        assert.equal(poolFor("http://127.0.0.1:9"), a);
        assert.notEqual(poolFor("http://127.0.0.1:9", { connections: 3 }), a);
    });
});
