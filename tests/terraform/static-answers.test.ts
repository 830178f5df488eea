/**
 * The Terraform provider's static answers (`provider/terraform/static-answers.ts`, written by `npm run generate`):
 * byte for byte what the handlers answer, encoded at run time by the provider's codec and by protobufjs over the
 * upstream proto; and a start asked only for them loads neither the handlers nor the client.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { CallCancellation } from "../../provider/plugin-process/call-cancellation";
import { providerHandlers } from "../../provider/terraform/provider-server";
import { STATIC_ANSWERS } from "../../provider/terraform/static-answers";
import { STATIC_RPCS } from "../../provider/terraform/static-rpcs";
import { encodeMessage } from "../../provider/terraform/tfplugin6-codec";
import { referenceEncode } from "../support/upstream-tfplugin6-values";

const SERVICE = join(__dirname, "..", "..", "dist", "provider", "terraform", "provider-grpc-service.js");

describe("the Terraform provider's static answers (static-answers.ts, written by npm run generate)", function () {
    // protobufjs loads upstream's proto (go mod download when Go's module cache lacks it).
    this.timeout(120_000);

    for (const rpc of STATIC_RPCS) {
        it(`${rpc}: the handler's answer, encoded now by the codec and by protobufjs, byte for byte`, async () => {
            const handler = providerHandlers(new CallCancellation(), {})[rpc];
            assert.ok(handler, `provider-server.ts answers ${rpc}`);
            const answer = await handler({} as never, new AbortController().signal);
            const stored = Buffer.from(STATIC_ANSWERS[rpc], "base64");
            assert.deepEqual(stored, encodeMessage(`${rpc}.Response`, answer), "stale: run npm run generate");
            assert.deepEqual(stored, referenceEncode(`${rpc}.Response`, answer));
        });
    }

    it("GetProviderSchema's answer holds the provider's and the data source's schemas", () => {
        const text = Buffer.from(STATIC_ANSWERS.GetProviderSchema, "base64").toString("latin1");
        for (const name of ["alicloudmessagecontacts_verifications", "access_key", "assume_role", "verifications", "total_count"])
            assert.ok(text.includes(name), name);
    });

    it("the built provider answers them from the stored bytes, refuses a malformed request as before, and loads neither the handlers nor the client", () => {
        const script = `
            const { providerMethods } = require(${JSON.stringify(SERVICE)});
            const { CallCancellation } = require(${JSON.stringify(join(SERVICE, "..", "..", "plugin-process", "call-cancellation.js"))});
            const methods = providerMethods(new CallCancellation());
            const call = (path) => ({ cancelled: false, getPath: () => path, once() {}, removeListener() {} });
            (async () => {
                const answers = {};
                for (const rpc of ${JSON.stringify(STATIC_RPCS)}) {
                    const path = "/tfplugin6.Provider/" + rpc;
                    answers[rpc] = (await methods[path](Buffer.alloc(0), call(path))).toString("base64");
                }
                let refused = "";
                await methods["/tfplugin6.Provider/GetProviderSchema"](Buffer.from([0x0a, 0x05]), call("/tfplugin6.Provider/GetProviderSchema")).catch((e) => (refused = e.message));
                const loaded = Object.keys(require.cache).filter((f) => /alibaba-client|provider-server|msgpack|undici|zod/.test(f));
                process.stdout.write(JSON.stringify({ answers, refused, loaded }));
            })();`;
        const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        const { answers, refused, loaded } = JSON.parse(run.stdout) as { answers: Record<string, string>; refused: string; loaded: string[] };
        assert.deepEqual(answers, STATIC_ANSWERS);
        assert.match(refused, /internal error in GetProviderSchema: .*GetProviderSchema\.Request/);
        assert.deepEqual(loaded, []);
    });
});
