/** What the get functions make of a mock's answer (`pulumi.runtime.setMocks`): the result built from it, checked. */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { getMessageContactVerifications, InvalidMockResultError } from "../../sdk";
import { leaveMocks } from "../support/pulumi-mocks";

describe("the get functions under Pulumi's mocks", () => {
    let answer: unknown;
    before(async () => {
        await pulumi.runtime.setMocks(
            { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => answer as Record<string, unknown> },
            "project",
            "stack",
            false,
        );
    });
    after(leaveMocks);

    const verifications = [
        { contactId: "c-mock0001", target: "ops***@example.com" },
        { contactId: "c-mock0002", target: "ops***@example.com" },
    ];

    it("builds the result from the listing the mock gives: what the mock leaves out is computed as the function computes it", async () => {
        answer = { id: "mock", verifications };
        assert.deepEqual(await getMessageContactVerifications({}), { id: "mock", totalCount: 2, verifications });
        answer = { id: "mock", contactId: "c-mock0001", totalCount: 1, verifications: verifications.slice(0, 1) };
        assert.deepEqual(await getMessageContactVerifications({ contactId: "c-mock0001" }), answer);
    });

    it("refuses an output that is not what the function would compute from the mock's verifications, naming it", async () => {
        answer = { id: "mock", totalCount: 5, verifications };
        await assert.rejects(getMessageContactVerifications({}), (e: unknown) => {
            assert.ok(e instanceof InvalidMockResultError);
            assert.match(e.problem, /^totalCount must be 2, as computed from the verifications given; got 5$/);
            return true;
        });
    });

    it("refuses a listing of the wrong shape, saying what it must be", async () => {
        for (const [given, problem] of [
            [{ verifications }, /^id must be a string$/],
            [{ id: "mock", verifications: "none" }, /^verifications must be an array of \{ contactId: string, target: string \}$/],
            [{ id: "mock", contactId: 7, verifications }, /^contactId must be a string$/],
            [{ id: "mock", verifications: [{ contactId: "c-1" }] }, /^verifications\[0\] must be \{ contactId: string, target: string \}$/],
        ] as const) {
            answer = given;
            await assert.rejects(getMessageContactVerifications({}), (e: unknown) => e instanceof InvalidMockResultError && problem.test(e.problem));
        }
    });
});
