/**
 * The get function's `outputFile`: the result it returns, in a 0600 file (the program under umask 000), no
 * credential in it; a file it cannot write is an `OutputFileError` naming `outputFile` and the path; under
 * Pulumi's mocks nothing is written.
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { getMessageContactVerifications, OutputFileError } from "../../sdk";
import { SMALL_LISTING, useEmulator } from "../support/emulator-fixture";
import { leaveMocks } from "../support/pulumi-mocks";

describe("getMessageContactVerifications: outputFile", () => {
    const fixture = useEmulator({ verifications: SMALL_LISTING, contacts: [] });
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "i25-sdk-output-file-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("writes the result it returns to a 0600 file, even under umask 000; the credential arguments are not in it", async () => {
        const path = join(dir, "pending.json");
        const saved = process.umask(0);
        let result;
        try {
            result = await getMessageContactVerifications({ ...fixture.client(), pageSize: 2, outputFile: path });
        } finally {
            process.umask(saved);
        }
        assert.equal(result.totalCount, SMALL_LISTING.length);
        assert.equal(statSync(path).mode & 0o777, 0o600);
        const text = readFileSync(path, "utf8");
        assert.deepEqual(JSON.parse(text), result);
        const { accessKeyId, accessKeySecret } = fixture.emulator.account;
        for (const secret of [accessKeyId, accessKeySecret]) assert.ok(!text.includes(secret), "no credential in the file");
    });

    it("a folder it cannot write in is an OutputFileError naming outputFile and the path, after the listing", async () => {
        const path = join(dir, "missing", "pending.json");
        await assert.rejects(getMessageContactVerifications({ ...fixture.client(), outputFile: path }), (error: unknown) => {
            assert.ok(error instanceof OutputFileError, String(error));
            assert.equal(error.field, "outputFile");
            assert.equal(error.path, path);
            assert.equal(error.reason, "ENOENT");
            assert.match(error.message, /^argument outputFile: could not write the result to ".*pending\.json": no such file or directory \(ENOENT\)\./);
            return true;
        });
        assert.deepEqual(readdirSync(dir), []);
    });

    it("refuses an empty outputFile before any request", async () => {
        await assert.rejects(getMessageContactVerifications({ ...fixture.client(), outputFile: "" }), /outputFile must be a file path; got ""/);
        assert.deepEqual(fixture.emulator.requests, []);
    });

    describe("under Pulumi's mocks", () => {
        const calls: Record<string, unknown>[] = [];
        before(async () => {
            await pulumi.runtime.setMocks(
                {
                    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
                    call: (args) => (calls.push(args.inputs as Record<string, unknown>), { id: "mock", verifications: [] }),
                },
                "project",
                "stack",
                false,
            );
        });
        after(leaveMocks);

        it("passes outputFile to the mocks' call by name, and writes nothing (no provider runs)", async () => {
            const path = join(dir, "pending.json");
            assert.deepEqual(await getMessageContactVerifications({ outputFile: path }), { id: "mock", totalCount: 0, verifications: [] });
            assert.deepEqual(calls, [{ outputFile: path }]);
            assert.equal(existsSync(path), false);
        });
    });
});
