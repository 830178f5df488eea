/**
 * The packed Terraform provider's data source read over gRPC, against the emulator: every page, exactly; the
 * contact filter; credentials from the provider block and from the environment; service errors as diagnostics
 * with the code, the RequestId, what to do and the `contact_id` path; unknown values deferred; StopProvider; and
 * `output_file`: the computed attributes as JSON in a 0600 file (under umask 000), replaced only by a complete
 * read, no credential in it, a file it cannot write reported at `output_file` with the path.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { ALICE, listingOutputsOf, SMALL_LISTING, verifications } from "../support/emulator-fixture";
import {
    REFINED_UNKNOWN_VALUE,
    startTerraformProvider,
    TERRAFORM_PROVIDER_EXECUTABLE,
    TerraformProviderClient,
    UNKNOWN_VALUE,
} from "../support/terraform-provider";

/** 23 verifications: five pages of 5. */
const LISTING = verifications(23);

describe("Terraform provider: the verifications data source", function () {
    this.timeout(60_000);
    let project: ConsumerProject;
    let emulator: Emulator;
    let client: TerraformProviderClient;
    const keys = () => ({ endpoint: emulator.url, access_key: emulator.account.accessKeyId, secret_key: emulator.account.accessKeySecret });
    const pagesRequested = () => emulator.requests.filter((r) => r.action === "ListMessageContactVerifications").length;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ verifications: LISTING });
        client = await startTerraformProvider(project.dir);
        assert.deepEqual(await client.configure(keys()), []);
    });
    after(async () => {
        await client?.close();
        await emulator?.close();
    });
    afterEach(() => {
        emulator.setVerifications(LISTING);
        emulator.clearFaults();
        emulator.resetRequests();
    });

    it("reads every page: the service's order exactly, the count, the sorted distinct targets, the query's id", async () => {
        const { state, diagnostics, deferred } = await client.read({ page_size: 5, timeouts: { read: "1m" } });
        assert.deepEqual(diagnostics, []);
        assert.equal(deferred, undefined);
        const expected = listingOutputsOf(LISTING);
        assert.equal(state?.total_count, 23);
        assert.deepEqual(
            state?.verifications,
            expected.verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
        );
        assert.deepEqual(state?.targets, expected.targets);
        assert.equal(state?.id, `${new URL(emulator.url).host}/ListMessageContactVerifications/*`);
        assert.equal(state?.page_size, 5, "the configuration is kept");
        assert.deepEqual(state?.timeouts, { read: "1m" });
        assert.equal(state?.contact_id, null);
        assert.ok(pagesRequested() >= 5, `${pagesRequested()} pages requested`);
    });

    it("sees a changed listing on the next read", async () => {
        emulator.setVerifications(SMALL_LISTING);
        const { state } = await client.read({});
        assert.deepEqual(state?.targets, listingOutputsOf(SMALL_LISTING).targets);
        assert.equal(state?.total_count, SMALL_LISTING.length);
    });

    it("filters by contact_id", async () => {
        emulator.setVerifications(SMALL_LISTING);
        const { state, diagnostics } = await client.read({ contact_id: ALICE });
        assert.deepEqual(diagnostics, []);
        const alice = SMALL_LISTING.filter((v) => v.contactId === ALICE);
        assert.deepEqual(
            state?.verifications,
            alice.map((v) => ({ contact_id: v.contactId, target: v.target })),
        );
        assert.match(String(state?.id), new RegExp(`/ListMessageContactVerifications/${ALICE}$`));
    });

    it("a missing contact is an error diagnostic at contact_id with the code, the RequestId and what to do, no stack trace", async () => {
        const { state, diagnostics } = await client.read({ contact_id: "c-Nobody000000009" });
        assert.equal(state, undefined);
        assert.equal(diagnostics.length, 1);
        const [diagnostic] = diagnostics;
        assert.equal(diagnostic?.severity, "ERROR");
        assert.deepEqual(diagnostic?.path, ["contact_id"]);
        assert.match(diagnostic?.summary ?? "", /ListMessageContactVerifications failed: EntityNotExists\.Contact/);
        assert.match(diagnostic?.detail ?? "", /RequestId [0-9A-F-]{36}/);
        assert.match(diagnostic?.detail ?? "", /leave contact_id out to list every contact's/);
        assert.doesNotMatch(diagnostic?.detail ?? "", /\n\s+at /);
    });

    it("InvalidParameter.ContactId and MissingParameter.ContactId from the service are at contact_id too; other service errors have no path", async () => {
        for (const code of ["InvalidParameter.ContactId", "MissingParameter.ContactId"]) {
            emulator.inject({ fault: { kind: "error", status: 400, code, message: "The ContactId is invalid." } });
            const invalid = await client.read({ contact_id: "c-Alice000000001" });
            assert.deepEqual(invalid.diagnostics[0]?.path, ["contact_id"], code);
            assert.match(invalid.diagnostics[0]?.detail ?? "", new RegExp(code.replace(".", "\\.")));
        }
        emulator.inject({ fault: { kind: "error", status: 403, code: "Forbidden.RAM", message: "not allowed" } });
        const forbidden = await client.read({ contact_id: "c-Alice000000001" });
        assert.deepEqual(forbidden.diagnostics[0]?.path, []);
        assert.match(forbidden.diagnostics[0]?.summary ?? "", /Forbidden\.RAM/);
        assert.match(forbidden.diagnostics[0]?.detail ?? "", /Check the credentials/);
    });

    it("an unknown contact_id is not read: its outputs are unknown, deferred when the CLI allows it", async () => {
        const plain = await client.read({ contact_id: UNKNOWN_VALUE });
        assert.deepEqual(plain.diagnostics, []);
        assert.equal(plain.deferred, undefined);
        for (const name of ["contact_id", "id", "total_count", "verifications", "targets"]) assert.equal(plain.state?.[name], UNKNOWN_VALUE, name);
        assert.ok(plain.stateBytes?.includes(Buffer.from([0xd4, 0x00, 0x00])), "cty's unknown, d4 00 00");
        const deferred = await client.read({ contact_id: UNKNOWN_VALUE }, { deferralAllowed: true });
        assert.equal(deferred.deferred, "RESOURCE_CONFIG_UNKNOWN");
        assert.equal(pagesRequested(), 0, "nothing was sent");
    });

    it("a refined unknown contact_id (cty's extension 12) is unknown too", async () => {
        const { state, diagnostics } = await client.read({ contact_id: REFINED_UNKNOWN_VALUE });
        assert.deepEqual(diagnostics, []);
        assert.equal(state?.contact_id, UNKNOWN_VALUE, "answered as a plain unknown");
        assert.equal(state?.total_count, UNKNOWN_VALUE);
        assert.equal(pagesRequested(), 0, "nothing was sent");
    });

    describe("credentials", () => {
        it("come from ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY when the block has none", async () => {
            const fromEnv = await startTerraformProvider(project.dir, {
                ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId,
                ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret,
            });
            try {
                assert.deepEqual(await fromEnv.configure({ endpoint: emulator.url }), []);
                const { state, diagnostics } = await fromEnv.read({});
                assert.deepEqual(diagnostics, []);
                assert.equal(state?.total_count, LISTING.length);
            } finally {
                await fromEnv.close();
            }
        });

        it("missing everywhere: an error naming the provider attributes and the environment variables looked at", async () => {
            const none = await startTerraformProvider(project.dir);
            try {
                assert.deepEqual(await none.configure({ endpoint: emulator.url }), []);
                const { diagnostics } = await none.read({});
                assert.match(diagnostics[0]?.detail ?? "", /provider attribute access_key\/secret_key/);
                assert.match(diagnostics[0]?.detail ?? "", /env ALICLOUD_ACCESS_KEY\/ALICLOUD_SECRET_KEY/);
                assert.equal(pagesRequested(), 0);
            } finally {
                await none.close();
            }
        });

        it("wrong keys: the service's code, and never the secret", async () => {
            const wrong = await startTerraformProvider(project.dir);
            const secret = "WRONG-SECRET-abcdef0123456789";
            try {
                assert.deepEqual(await wrong.configure({ endpoint: emulator.url, access_key: emulator.account.accessKeyId, secret_key: secret }), []);
                const { diagnostics } = await wrong.read({});
                assert.equal(diagnostics.length, 1);
                assert.match(diagnostics[0]?.summary ?? "", /failed: /);
                assert.ok(!JSON.stringify(diagnostics).includes(secret));
            } finally {
                await wrong.close();
            }
        });
    });

    it("network failures are diagnostics saying what to do: a dead endpoint, a read past timeouts.read", async function () {
        const dead = await startTerraformProvider(project.dir);
        try {
            assert.deepEqual(await dead.configure({ ...keys(), endpoint: "http://127.0.0.1:1", max_attempts: 1 }), []);
            const { diagnostics } = await dead.read({});
            assert.match(diagnostics[0]?.summary ?? "", /failed: ConnectionFailed/);
            assert.match(diagnostics[0]?.detail ?? "", /Check the endpoint \(provider attribute endpoint, else the endpoints entry resourcedirectory/);
        } finally {
            await dead.close();
        }
        emulator.inject({ fault: { kind: "delay", ms: 2_500 }, times: Infinity });
        const { diagnostics } = await client.read({ timeouts: { read: "1s" } });
        assert.match(diagnostics[0]?.summary ?? "", /failed: Timeout/);
        assert.match(diagnostics[0]?.detail ?? "", /the listing did not finish within the 1000 ms set by timeouts\.read/);
        assert.doesNotMatch(diagnostics[0]?.detail ?? "", /timeoutMs|default 5m/, "no name a Terraform user cannot set");
    });

    describe("the read's time limit: timeouts.read and the provider's timeout_ms, the smaller holds", () => {
        let limited: TerraformProviderClient;
        before(async () => {
            limited = await startTerraformProvider(project.dir);
            assert.deepEqual(await limited.configure({ ...keys(), timeout_ms: 1_000 }), []);
        });
        after(async () => limited?.close());

        it('timeout_ms = 1000 holds under timeouts { read = "1m" }: 2.5 s of latency is a Timeout naming timeout_ms', async () => {
            emulator.inject({ fault: { kind: "delay", ms: 2_500 }, times: Infinity });
            const { state, diagnostics } = await limited.read({ timeouts: { read: "1m" } });
            assert.equal(state, undefined);
            assert.match(diagnostics[0]?.summary ?? "", /failed: Timeout/);
            assert.match(diagnostics[0]?.detail ?? "", /within the 1000 ms set by provider attribute timeout_ms/);
            assert.doesNotMatch(diagnostics[0]?.detail ?? "", /timeoutMs/);
        });

        it("a smaller timeouts.read holds under timeout_ms, and its message names timeouts.read", async () => {
            const generous = await startTerraformProvider(project.dir);
            try {
                assert.deepEqual(await generous.configure({ ...keys(), timeout_ms: 60_000 }), []);
                emulator.inject({ fault: { kind: "delay", ms: 2_500 }, times: Infinity });
                const { diagnostics } = await generous.read({ timeouts: { read: "1s" } });
                assert.match(diagnostics[0]?.detail ?? "", /within the 1000 ms set by timeouts\.read/);
            } finally {
                await generous.close();
            }
        });

        it("a read within both limits succeeds", async () => {
            const { state, diagnostics } = await limited.read({ timeouts: { read: "1m" } });
            assert.deepEqual(diagnostics, []);
            assert.equal(state?.total_count, LISTING.length);
        });
    });

    it("endpoints { resourcedirectory } is the API's endpoint, as the docs say", async () => {
        const viaEndpoints = await startTerraformProvider(project.dir);
        try {
            const { endpoint: _endpoint, ...credentials } = keys();
            const endpoints = { resourcedirectory: emulator.url, resourcemanager: "http://127.0.0.1:1", sts: null };
            assert.deepEqual(await viaEndpoints.configure({ ...credentials, endpoints }), []);
            const { state, diagnostics } = await viaEndpoints.read({});
            assert.deepEqual(diagnostics, []);
            assert.equal(state?.id, `${new URL(emulator.url).host}/ListMessageContactVerifications/*`, "resourcedirectory wins over resourcemanager");
            assert.equal(state?.total_count, LISTING.length);
        } finally {
            await viaEndpoints.close();
        }
    });

    it("an environment variable its attribute's rule refuses is refused before any request, naming the variable", async () => {
        for (const variable of ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"]) {
            const badRegion = await startTerraformProvider(project.dir, { [variable]: "bad region" });
            try {
                assert.deepEqual(await badRegion.configure(keys()), []);
                const { state, diagnostics } = await badRegion.read({});
                assert.equal(state, undefined);
                assert.equal(diagnostics[0]?.summary, `Invalid env ${variable}`);
                assert.match(
                    diagnostics[0]?.detail ?? "",
                    new RegExp(`env ${variable} must be a region ID such as cn-hangzhou or ap-southeast-1; got "bad region"`),
                );
                assert.equal(pagesRequested(), 0, "nothing was sent");
            } finally {
                await badRegion.close();
            }
        }
    });

    it("an unknown provider attribute: an error without deferral, unknown outputs deferred with it", async () => {
        const pending = await startTerraformProvider(project.dir);
        try {
            assert.deepEqual(await pending.configure({ ...keys(), region: UNKNOWN_VALUE }), []);
            const refused = await pending.read({});
            assert.match(refused.diagnostics[0]?.detail ?? "", /before the provider attributes region are known/);
            const deferred = await pending.read({}, { deferralAllowed: true });
            assert.equal(deferred.deferred, "PROVIDER_CONFIG_UNKNOWN");
            assert.equal(deferred.state?.verifications, UNKNOWN_VALUE);
        } finally {
            await pending.close();
        }
    });

    it("after StopProvider no read starts", async () => {
        const stopping = await startTerraformProvider(project.dir);
        try {
            assert.deepEqual(await stopping.configure(keys()), []);
            assert.deepEqual(await stopping.call("StopProvider"), { Error: "" });
            const { diagnostics } = await stopping.read({});
            assert.match(diagnostics[0]?.summary ?? "", /The read was stopped/);
            assert.match(diagnostics[0]?.detail ?? "", /StopProvider/);
            assert.equal(pagesRequested(), 0);
        } finally {
            await stopping.close();
        }
    });

    describe("output_file (the provider started under umask 000, as a CLI could start it)", () => {
        let umasked: TerraformProviderClient;
        let dir: string;
        before(async () => {
            const executable = join(project.dir, "node_modules", ".bin", TERRAFORM_PROVIDER_EXECUTABLE);
            umasked = await startTerraformProvider(
                project.dir,
                {},
                { command: ["/bin/sh", "-c", 'umask 000 && exec "$0" "$@"', executable], cwd: project.dir },
            );
            assert.deepEqual(await umasked.configure(keys()), []);
        });
        after(async () => await umasked?.close());
        beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "i25-tf-output-file-"))));
        afterEach(() => rmSync(dir, { recursive: true, force: true }));

        it("writes the computed attributes, as the state has them, to a 0600 file; no credential in it", async () => {
            const path = join(dir, "verifications.json");
            const { state, diagnostics } = await umasked.read({ page_size: 5, output_file: path });
            assert.deepEqual(diagnostics, []);
            assert.equal(state?.output_file, path, "the argument is kept in the state");
            assert.equal(statSync(path).mode & 0o777, 0o600, "0600 though the provider runs under umask 000");
            const text = readFileSync(path, "utf8");
            assert.deepEqual(JSON.parse(text), { id: state?.id, total_count: LISTING.length, verifications: state?.verifications, targets: state?.targets });
            assert.equal((JSON.parse(text) as { verifications: unknown[] }).verifications.length, LISTING.length);
            for (const secret of [emulator.account.accessKeyId, emulator.account.accessKeySecret])
                assert.ok(!text.includes(secret), "no credential in the file");
        });

        it("replaces a file already there only with a complete read: a read that fails leaves it as it was", async () => {
            const path = join(dir, "verifications.json");
            writeFileSync(path, "the previous plan's\n", { mode: 0o644 });
            const failed = await umasked.read({ contact_id: "c-Nobody000000009", output_file: path });
            assert.match(failed.diagnostics[0]?.summary ?? "", /EntityNotExists\.Contact/);
            assert.equal(readFileSync(path, "utf8"), "the previous plan's\n");
            const { diagnostics } = await umasked.read({ output_file: path });
            assert.deepEqual(diagnostics, []);
            assert.equal((JSON.parse(readFileSync(path, "utf8")) as { total_count: number }).total_count, LISTING.length);
            assert.equal(statSync(path).mode & 0o777, 0o600);
            assert.deepEqual(readdirSync(dir), ["verifications.json"], "no temporary file is left");
        });

        it("a folder it cannot write in is an error at output_file naming the path; no state", async () => {
            for (const [path, reason] of [
                ["/sys/i25-verifications.json", /\((EACCES|EROFS)\)/],
                [join(dir, "missing", "verifications.json"), /\(ENOENT\)/],
            ] as const) {
                const { state, diagnostics } = await umasked.read({ output_file: path });
                assert.equal(state, undefined);
                assert.equal(diagnostics.length, 1);
                assert.deepEqual(diagnostics[0]?.path, ["output_file"]);
                assert.equal(diagnostics[0]?.summary, "Could not write output_file");
                assert.ok(diagnostics[0]?.detail.startsWith(`argument output_file: could not write the result to "${path}": `), diagnostics[0]?.detail);
                assert.match(diagnostics[0]?.detail ?? "", reason);
            }
        });

        it("refuses an empty output_file at validation, saying what it accepts", async () => {
            const diagnostics = await umasked.validateDataSource({ output_file: "" });
            assert.deepEqual(diagnostics[0]?.path, ["output_file"]);
            assert.match(diagnostics[0]?.detail ?? "", /output_file must be a file path; got ""/);
        });
    });
});
