/**
 * Where the reference `tfplugin6.proto` files come from, and loading them with protobufjs (a development
 * dependency: never loaded by the provider). Upstream is terraform-plugin-go's copy of Terraform's protocol
 * (6.11), the file Go providers are built from; OpenTofu's (6.10) is the one the pinned `tofu` speaks. Both are
 * Go modules, fetched by `go mod download` from the Go module proxy into Go's module cache (offline once cached).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as protobuf from "protobufjs";
import { pinnedTofuVersion } from "../engine/terraform-clis";

/** A `.proto` file inside a Go module at a version. */
export interface ModuleProto {
    module: string;
    version: string;
    file: string;
}

/** The upstream protocol: tfplugin6 6.11 as terraform-plugin-go ships it. The descriptor is generated from it. */
export const UPSTREAM_TFPLUGIN6: ModuleProto = {
    module: "github.com/hashicorp/terraform-plugin-go",
    version: "v0.31.0",
    file: "tfprotov6/internal/tfplugin6/tfplugin6.proto",
};

/** OpenTofu's tfplugin6 (6.10), at the version `engine/tofu/go.mod` pins. */
export function opentofuTfplugin6(): ModuleProto {
    return { module: "github.com/opentofu/opentofu", version: pinnedTofuVersion(), file: "docs/plugin-protocol/tfplugin6.10.proto" };
}

/** `module@version`. */
export function moduleAtVersion(proto: ModuleProto): string {
    return `${proto.module}@${proto.version}`;
}

/** The module's directory in Go's module cache, downloading it first when it is not there; a clear error without `go`. */
export function goModuleDir(proto: ModuleProto): string {
    let output: string;
    try {
        output = execFileSync("go", ["mod", "download", "-json", moduleAtVersion(proto)], {
            // Outside any module, with the local toolchain: the command fetches that one module and nothing else.
            cwd: tmpdir(),
            env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" },
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
            timeout: 300_000,
        });
    } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
        if (failure.code === "ENOENT")
            throw new Error(
                `the reference ${proto.file} of ${moduleAtVersion(proto)} is fetched with \`go mod download\`, and \`go\` is not on PATH: install Go (1.21 or later) with access to the Go module proxy`,
                { cause: error },
            );
        throw new Error(`go mod download ${moduleAtVersion(proto)} failed: ${failure.stdout ?? ""}${failure.stderr ?? failure.message}`, { cause: error });
    }
    const { Dir: dir, Error: problem } = JSON.parse(output) as { Dir?: string; Error?: string };
    if (!dir) throw new Error(`go mod download ${moduleAtVersion(proto)} gave no directory: ${problem ?? output}`);
    return dir;
}

/** The `.proto` file's path in Go's module cache. */
export function protoPath(proto: ModuleProto): string {
    const path = join(goModuleDir(proto), proto.file);
    if (!existsSync(path)) throw new Error(`${moduleAtVersion(proto)} has no ${proto.file}`);
    return path;
}

const loaded = new Map<string, protobuf.Root>();

/**
 * The `.proto` file parsed and resolved by protobufjs (its `google/protobuf/*` imports from protobufjs's own copies),
 * fields named in camelCase as protobufjs names them. Loaded once per process.
 */
export function loadProto(proto: ModuleProto): protobuf.Root {
    const key = moduleAtVersion(proto);
    const cached = loaded.get(key);
    if (cached) return cached;
    const root = protobuf.loadSync(protoPath(proto));
    root.resolveAll();
    loaded.set(key, root);
    return root;
}
