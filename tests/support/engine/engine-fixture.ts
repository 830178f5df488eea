/**
 * What the engine test files share: the engine (`npm run engine` built it), one consumer project per
 * `@pulumi/pulumi` version under test (each installed once per process), the program's source, and a stack
 * whose credentials and endpoint come from stack config only.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findEngine, PulumiEngine } from "../../../engine/pulumi-engine";
import type { Emulator, Verification } from "../../../emulator";
import { listingOutputsOf } from "../emulator-fixture";
import { ConsumerProject, createConsumerProject, REPO_ROOT, repoPulumiVersion, repoVersionOf, typescriptToolchain } from "../consumer-project";
import { EngineWorkspace } from "./engine-workspace";
import { PACK_DIR, PACKAGE_NAME, packDependencies, packFiles } from "../../policy-pack/pack";

/** The lowest `@pulumi/pulumi` the package supports: the floor of its peer dependency range (`>=3.139.0`). */
export function pulumiPeerFloor(): string {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { peerDependencies?: Record<string, string> };
    const range = manifest.peerDependencies?.["@pulumi/pulumi"] ?? "";
    const floor = /^>=\s*(\d+\.\d+\.\d+)$/.exec(range.trim())?.[1];
    if (!floor) throw new Error(`package.json's peer range for @pulumi/pulumi (${JSON.stringify(range)}) is not of the form >=X.Y.Z`);
    return floor;
}

/** Both ends of the supported range: the peer floor and the version this repository develops against. */
export function pulumiVersionsUnderTest(): string[] {
    return [...new Set([pulumiPeerFloor(), repoPulumiVersion()])];
}

const projects = new Map<string, Promise<ConsumerProject>>();

/**
 * The consumer project for `pulumiVersion` (created once per process): the tarball, `@pulumi/pulumi`, TypeScript
 * and `@types/node`, and, when `withPolicy` (for policy packs kept in the project), the example pack's other
 * dependencies (`@pulumi/policy`, `@open-policy-agent/opa-wasm` ...) at the repository's versions.
 */
export function engineProject(pulumiVersion: string, withPolicy = false): Promise<ConsumerProject> {
    const key = `${pulumiVersion}${withPolicy ? "+policy" : ""}`;
    let project = projects.get(key);
    if (!project) {
        const packDependencies = packDependenciesBesides(["@pulumi/pulumi", PACKAGE_NAME]).map((name) => `${name}@${repoVersionOf(name)}`);
        const packages = [...typescriptToolchain(), ...(withPolicy ? packDependencies : [])];
        project = createConsumerProject({ pulumiVersion, packages });
        projects.set(key, project);
    }
    return project;
}

/** The engine, or a failure telling to run `npm run engine`. */
export function engine(): PulumiEngine {
    return findEngine();
}

/** The user's program (tests/engine/program/index.ts). */
export function programSource(): string {
    return readFileSync(join(REPO_ROOT, "tests", "engine", "program", "index.ts"), "utf8");
}

/** Stack config that reaches the emulator: the access key, the secret as a secret, the endpoint in alicloud:endpoints. */
export function emulatorStackConfig(emulator: Emulator) {
    return [
        { key: "alicloud:accessKey", value: emulator.account.accessKeyId },
        { key: "alicloud:secretKey", value: emulator.account.accessKeySecret, secret: true },
        { key: "alicloud:endpoints[0].resourcedirectory", value: emulator.url, path: true },
    ];
}

/** Stack config of the provider plugin that reaches the emulator: its endpoint, and both keys as secrets. */
export function pluginStackConfig(emulator: Emulator) {
    return [
        { key: "alicloud-message-contacts:endpoint", value: emulator.url },
        { key: "alicloud-message-contacts:accessKey", value: emulator.account.accessKeyId, secret: true },
        { key: "alicloud-message-contacts:secretKey", value: emulator.account.accessKeySecret, secret: true },
    ];
}

/** The stack outputs of the plugin's examples (examples/yaml, examples/python) when the service holds `list`. */
export function pluginExampleOutputs(list: readonly Verification[]) {
    const listing = listingOutputsOf(list);
    return {
        pendingCount: listing.totalCount,
        pendingVerifications: listing.verifications,
        recordedTargets: listing.targets,
        recordedByTarget: listing.pendingByTarget,
    };
}

/** A workspace running the user's program, its stack initialised with `config`. */
export async function programWorkspace(
    project: ConsumerProject,
    config: readonly { key: string; value: string; secret?: boolean; path?: boolean }[],
    extraFiles: Record<string, string> = {},
): Promise<EngineWorkspace> {
    const workspace = new EngineWorkspace(project, engine(), { "index.ts": programSource(), ...extraFiles });
    await workspace.initStack(config);
    return workspace;
}

/** The requests the emulator received for the listing operation. */
export function listingRequests(emulator: Emulator): number {
    return emulator.requests.filter((request) => request.action === "ListMessageContactVerifications").length;
}

/** Every credential string of the emulator's account, none of which may appear in state or output. */
export function credentialStrings(emulator: Emulator): string[] {
    const { accessKeyId, accessKeySecret, securityToken } = emulator.account;
    return [accessKeyId, accessKeySecret, ...(securityToken ? [securityToken] : [])];
}

/** The example pack's dependencies but `installed` (which the project installs its own way). */
function packDependenciesBesides(installed: readonly string[]): string[] {
    return packDependencies().filter((name) => !installed.includes(name));
}

/**
 * A copy of examples/policy-pack in a folder of `project` (so its imports resolve from the project's
 * node_modules, as after `npm install` in a user's copy). `path` is what `--policy-pack` names: the folder, as the
 * pack's README has it (the engine runs it through the Node.js language host's `RunPlugin`).
 */
export function examplePolicyPack(project: ConsumerProject): { dir: string; path: string } {
    const dir = mkdtempSync(join(project.dir, "policy-pack-"));
    for (const file of packFiles()) copyFileSync(join(PACK_DIR, file), join(dir, file));
    return { dir, path: dir };
}
