import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { listMessageContactVerifications } from "../../provider/alibaba-client";
import { useEmulator, verifications } from "../support/emulator-fixture";
import { leaveMocks, valueOf } from "../support/pulumi-mocks";

/** The dynamic provider's implementation as the installed package serves it (what the engine would run). */
const providerImpl: typeof import("../../provider/dynamic/provider-impl") = require("pulumi-alicloud-message-contacts/dist/provider/dynamic/provider-impl.js");
const RESOURCE_TYPE = "pulumi-nodejs:dynamic/alicloud:MessageContactVerifications";

describe("examples/basic, run with Pulumi mocks against the emulator", () => {
    const fixture = useEmulator({ verifications: verifications(137) });
    let program: Record<string, pulumi.Output<unknown>>;
    const created: string[] = [];
    const calls: Record<string, unknown>[] = [];

    before(async () => {
        const config: Record<string, string> = {
            "alicloud:accessKey": fixture.emulator.account.accessKeyId,
            "alicloud:secretKey": fixture.emulator.account.accessKeySecret,
            "alicloud:endpoints": JSON.stringify([{ resourcedirectory: fixture.emulator.url }]),
        };
        pulumi.runtime.setAllConfig(config, ["alicloud:secretKey"]);
        providerImpl.configure((key) => config[key]);
        // The mocks stand in for the engine: the resource is checked and created by the real provider code.
        await pulumi.runtime.setMocks(
            {
                async newResource(args) {
                    if (args.type !== RESOURCE_TYPE) return { id: `${args.name}-id`, state: args.inputs };
                    const checked = await providerImpl.check(args.inputs);
                    assert.deepEqual(checked.failures, []);
                    const { id, outs } = await providerImpl.create(checked.inputs);
                    created.push(args.name);
                    return { id, state: outs };
                },
                // The get functions go through the mocks, as a user's unit test sees them: this one answers with a
                // real listing of the emulator's data.
                async call(args) {
                    assert.equal(args.token, "alicloud-message-contacts:index:getMessageContactVerifications");
                    const listing = await listMessageContactVerifications({ ...fixture.client(), ...args.inputs });
                    calls.push(args.inputs);
                    return { id: "mocked", totalCount: listing.totalCount, verifications: listing.verifications };
                },
            },
            "example",
            "test",
            false,
        );
        program = require("../../examples/basic");
    });
    after(() => {
        pulumi.runtime.setAllConfig({});
        leaveMocks();
    });

    it("exports the count read by the Output function", async () => {
        assert.equal(await valueOf(program.pendingCount as pulumi.Output<number>), 137);
        assert.deepEqual(calls, [{}], "the Output function went through the mocks' call, with no arguments");
    });

    it("records the listing with the resource and exports its targets and verifications", async () => {
        const seeded = fixture.emulator.verifications();
        assert.deepEqual(await valueOf(program.pendingVerifications as pulumi.Output<unknown>), seeded);
        assert.deepEqual(await valueOf(program.pendingTargets as pulumi.Output<string[]>), [...new Set(seeded.map((v) => v.target))].sort());
        assert.deepEqual(created, ["pending-verifications"]);
    });
});
