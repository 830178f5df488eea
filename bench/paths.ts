/** Where the benchmark finds the repository, its build and the Node binary it runs children with. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE_NAME = "pulumi-alicloud-message-contacts";

function findRepoRoot(start: string): string {
    for (let dir = start; ; dir = dirname(dir)) {
        const manifest = join(dir, "package.json");
        if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME) return dir;
        if (dirname(dir) === dir) throw new Error(`no ${PACKAGE_NAME} package.json above ${start}`);
    }
}

/** The repository root (works from bench/ sources and from the compiled bench/dist/). */
export const REPO_ROOT = findRepoRoot(__dirname);
/** The built package. */
export const DIST = join(REPO_ROOT, "dist");
export const PACKAGE_MAIN = join(DIST, "sdk", "index.js");
export const PROVIDER_INDEX = join(DIST, "provider", "alibaba-client", "index.js");
export const RESOURCE_PROVIDER = join(DIST, "provider", "dynamic", "resource-provider.js");
export const EMULATOR_MAIN = join(DIST, "emulator", "main.js");
export const CLI_MAIN = join(DIST, "cli", "main.js");
export const PLUGIN_MAIN = join(DIST, "provider", "plugin", "main.js");
/** The npm package's Terraform provider executable (`terraform-provider-alicloudmessagecontacts`). */
export const TERRAFORM_MAIN = join(DIST, "provider", "terraform", "main.js");
/** A certificate and key maker from the build, for the PEM a CLI passes as PLUGIN_CLIENT_CERT. */
export const TERRAFORM_CERTIFICATE = join(DIST, "provider", "terraform", "self-signed-certificate.js");
/** The provider's handshake constants (the magic cookie) and its generated static answers (the schema's bytes). */
export const TERRAFORM_HANDSHAKE = join(DIST, "provider", "terraform", "handshake.js");
export const TERRAFORM_STATIC_ANSWERS = join(DIST, "provider", "terraform", "static-answers.js");
/** The provider's gRPC message framing, and its protobuf wire format (read and written). */
export const TERRAFORM_GRPC_MESSAGES = join(DIST, "provider", "terraform", "grpc-message-reader.js");
export const TERRAFORM_PROTOBUF_WIRE = join(DIST, "provider", "terraform", "protobuf-wire.js");
/** The floor provider (floor-provider.ts), compiled next to this file. */
export const FLOOR_PROVIDER = join(__dirname, "floor-provider.js");
/** Compiled probes, run in child processes (this file compiles next to the probes/ folder). */
export const PROBES = join(__dirname, "probes");
/** The report the benchmark writes. */
export const RESULTS_FILE = join(REPO_ROOT, "bench", "RESULTS.md");
/** Children run on the same Node binary as the benchmark. */
export const NODE = process.execPath;
