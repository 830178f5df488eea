import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { consumerProject, ConsumerProject, createConsumerProject, REPO_ROOT, typescriptToolchain } from "../support/consumer-project";
import { PULUMI_NEW_TSCONFIG } from "../support/pulumi-new-tsconfig";
import { policySources } from "../../generate/policy-wasm";
import { hermeticEnv } from "../support/hermetic-env";

function run(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(file, args, { cwd, env: hermeticEnv({ NODE_OPTIONS: undefined }), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

const CONSUMER_SOURCE = `import * as pulumi from "@pulumi/pulumi";
import {
    getMessageContactVerifications,
    getMessageContactVerificationsOutput,
    MessageContactVerifications,
    AlibabaCloudApiError,
    GetMessageContactVerificationsResult,
} from "pulumi-alicloud-message-contacts";

export async function count(): Promise<number> {
    const result: GetMessageContactVerificationsResult = await getMessageContactVerifications({ contactId: "c-abc", pageSize: 50 });
    const first: string | undefined = result.verifications[0]?.target;
    void first;
    return result.totalCount;
}
export const targets: pulumi.Output<string[]> = getMessageContactVerificationsOutput({ pageSize: pulumi.output(10) }).verifications.apply((vs) => vs.map((v) => v.target));
export const resource = new MessageContactVerifications("r", { secretTargets: true, consistency: "snapshot" });
export const total: pulumi.Output<number> = resource.totalCount;
export function isApiError(e: unknown): boolean {
    return e instanceof AlibabaCloudApiError && e.code === "EntityNotExists.Contact";
}
`;

describe("the published package, installed from its npm pack tarball", function () {
    this.timeout(240_000);
    let project: ConsumerProject;
    before(async () => {
        project = await consumerProject();
    });

    it("is lean: compiled JS, .d.ts, the Rego policy (its tests aside), README, CHANGELOG, LICENSE and package.json only", async () => {
        const { stdout } = await run("tar", ["-tzf", project.tarball], REPO_ROOT);
        const files = stdout
            .trim()
            .split("\n")
            .map((f) => f.replace(/^package\//, ""));
        const policy = policySources();
        const unexpected = files.filter(
            (f) =>
                !/^dist\/(provider|sdk|emulator|cli)\/.+\.(js|d\.ts)$/.test(f) &&
                !["README.md", "CHANGELOG.md", "LICENSE", "package.json", ...policy].includes(f),
        );
        assert.deepEqual(unexpected, []);
        assert.deepEqual(files.filter((f) => f.startsWith("policy/")).sort(), policy, "the policy Terraform users run, as the README's commands find it");
        for (const required of [
            "README.md",
            "LICENSE",
            "package.json",
            "dist/sdk/index.js",
            "dist/sdk/index.d.ts",
            "dist/cli/main.js",
            "dist/provider/dynamic/provider-impl.js",
        ]) {
            assert.ok(files.includes(required), `missing ${required}`);
        }
        assert.ok(!files.some((f) => f.startsWith("tests/") || f.includes(".test.")), "no tests in the tarball");
    });

    it("imports, and exposes the API from its main entry", async () => {
        const script = `const m = require("pulumi-alicloud-message-contacts");
            console.log(JSON.stringify(["getMessageContactVerifications", "getMessageContactVerificationsOutput", "MessageContactVerifications", "listMessageContactVerifications", "AlibabaCloudApiError"].map((k) => typeof m[k])));`;
        const result = await run(process.execPath, ["-e", script], project.dir);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout), ["function", "function", "function", "function", "function"]);
    });

    for (const moduleResolution of ["node10", "node16"]) {
        it(`type-checks a consumer TypeScript program (moduleResolution ${moduleResolution}, tsc --noEmit)`, async () => {
            const dir = mkdtempSync(join(project.dir, "ts-consumer-"));
            try {
                writeFileSync(join(dir, "index.ts"), CONSUMER_SOURCE);
                const module = moduleResolution === "node16" ? "node16" : "commonjs";
                writeFileSync(
                    join(dir, "tsconfig.json"),
                    JSON.stringify({
                        compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: "ES2022", skipLibCheck: true, types: [] },
                        files: ["index.ts"],
                    }),
                );
                const tsc = require.resolve("typescript/bin/tsc", { paths: [REPO_ROOT] });
                const result = await run(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], dir);
                assert.equal(result.code, 0, result.stdout + result.stderr);
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        });
    }

    it("type-checks in a project as `pulumi new typescript` creates it (strict, commonjs, node resolution, no skipLibCheck, no esModuleInterop)", async () => {
        // The package's declarations must not reach types (zod's) that fail to compile under these options.
        const typed = await createConsumerProject({ packages: typescriptToolchain() });
        writeFileSync(join(typed.dir, "index.ts"), CONSUMER_SOURCE);
        writeFileSync(join(typed.dir, "tsconfig.json"), JSON.stringify(PULUMI_NEW_TSCONFIG));
        const tsc = join(typed.dir, "node_modules", "typescript", "bin", "tsc");
        const result = await run(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", typed.dir], typed.dir);
        assert.equal(result.code, 0, result.stdout + result.stderr);
    });

    it("unit-tests a program with Pulumi's mocks: the get functions answer through the mocks' call, checked", async () => {
        // What a user's unit test does (the README's example), in plain Node with the installed package.
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const calls = [];
            let answer = { id: "mock", totalCount: 1, verifications: [{ contactId: "c-mock0001", target: "ops***@example.com" }] };
            pulumi.runtime.setMocks({
                newResource: (args) => ({ id: args.name + "-id", state: args.inputs }),
                call: (args) => { calls.push([args.token, args.inputs]); return answer; },
            }, "project", "stack", false);
            const { getMessageContactVerifications, getMessageContactVerificationsOutput, InvalidMockResultError } = require("pulumi-alicloud-message-contacts");
            (async () => {
                const viaOutput = await new Promise((resolve) => getMessageContactVerificationsOutput({ contactId: "c-mock0001" }).apply(resolve));
                answer = { id: "mock", totalCount: 2, verifications: [{ contactId: "c-mock0001" }] };
                const malformed = await getMessageContactVerifications({}).then(
                    () => "no error",
                    (e) => (e instanceof InvalidMockResultError && e.code === "InvalidMockResult" ? "InvalidMockResultError: " : "untyped: ") + e.message,
                );
                console.log(JSON.stringify({ viaOutput, calls, malformed }));
            })();`;
        const result = await run(process.execPath, ["-e", script], project.dir);
        assert.equal(result.code, 0, result.stderr);
        const { viaOutput, calls, malformed } = JSON.parse(result.stdout) as { viaOutput: unknown; calls: unknown[]; malformed: string };
        assert.deepEqual(viaOutput, { id: "mock", totalCount: 1, verifications: [{ contactId: "c-mock0001", target: "ops***@example.com" }] });
        assert.deepEqual(calls, [
            ["alicloud-message-contacts:index:getMessageContactVerifications", { contactId: "c-mock0001" }],
            ["alicloud-message-contacts:index:getMessageContactVerifications", {}],
        ]);
        assert.match(
            malformed,
            /^InvalidMockResultError: The mocks' call for alicloud-message-contacts:index:getMessageContactVerifications returned something that is not its result: verifications\[0\] must be \{ contactId: string, target: string \}/,
        );
    });

    it("runs the CLI from the installed bin with the bundled emulator", async () => {
        const bin = join(project.dir, "node_modules", ".bin", "alicloud-contact-verifications");
        const result = await run(bin, ["--emulator", "--output", "json"], project.dir);
        assert.equal(result.code, 0, result.stderr);
        assert.equal((JSON.parse(result.stdout) as { totalCount: number }).totalCount, 250);
        assert.match(result.stderr, /DEMO DATA/);
        const version = await run(bin, ["--version"], project.dir);
        assert.equal(version.stdout.trim(), (require("../../package.json") as { version: string }).version);
    });
});
