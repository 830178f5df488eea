/**
 * The README's sections about the release's platforms, written from `PLATFORMS` (packaging/platforms.ts) between
 * `<!-- release:NAME -->` and `<!-- /release:NAME -->` markers, so that a platform added there appears in each:
 *
 * - `platforms`: one row per platform: its archives, and what this repository's tests do with it (run here, or
 *   only checked) under which CLIs;
 * - `providers-lock` and `providers-lock-fs-mirror`: the `providers lock` commands that record every platform's
 *   hashes in the lock file, from a registry or network mirror and from a filesystem mirror (the engine tests
 *   run them as the README has them).
 */
import { pinnedPulumiVersion } from "../engine/pulumi-engine";
import { pinnedTofuVersion, TERRAFORM_VERSION } from "../engine/terraform-clis";
import { BUILD_PLATFORM_ID, Platform, PLATFORMS } from "../packaging/platforms";
import { terraformPlatform } from "../packaging/provider-release";

/** The folder of the filesystem mirror the README's commands write. */
export const FS_MIRROR_DIR = "terraform-mirror";

/** `-platform=linux_amd64 -platform=...`: every platform of the release. */
export function platformFlags(): string {
    return PLATFORMS.map((p) => `-platform=${terraformPlatform(p)}`).join(" ");
}

/**
 * How the engine tests run or check each platform's executable beyond the registry's checks (`tests/engine/release-*.test.ts`),
 * and its code signature. A platform added to {@link PLATFORMS} without a row here fails `npm run generate`.
 */
const EXERCISED: Readonly<Record<string, { signature: string; run: string }>> = {
    "linux-x64": {
        signature: "none (Linux has none)",
        run: "natively, with no `node` on PATH: the handshake and port lines",
    },
    "linux-arm64": {
        signature: "none",
        run: "under qemu-user (`.ci/arm64-emulation`): the handshake and port lines; a full read over gRPC with each protocol (tfplugin6 with AutoMTLS, Pulumi's Invoke); and, started by the kernel through binfmt_misc, executed by `tofu` itself (`dev_overrides`) to apply examples/terraform",
    },
    "darwin-x64": {
        signature: "ad hoc (`rcodesign`)",
        run: "structure only: a Mach-O for x86_64 with the blob in its `NODE_SEA` segment and `LC_CODE_SIGNATURE`; the signature checked page by page and against `rcodesign print-signature-info`",
    },
    "darwin-arm64": {
        signature: "ad hoc (`rcodesign`)",
        run: "structure only, as darwin-x64 (arm64); a second build gives the same bytes",
    },
    "win-x64": {
        signature: "none (node.exe's stale Authenticode entry is cleared)",
        run: "under wine 10.0 (`.ci/wine-emulation`: Debian trixie's, in a chroot; bookworm's wine 8.0 cannot start Node.js 26): go-plugin's Windows handshake line (`tcp\\|127.0.0.1:PORT`), a tfplugin6 read over mutual TLS on that port, Pulumi's port line and Invoke (its stdout must be a file there: Node.js under wine cannot open a Unix pipe, so no CLI starts it); and its structure: PE32+ for AMD64, a console program, the blob as the resource `RT_RCDATA`/`NODE_SEA_BLOB`",
    },
};

/** What the tests do with a platform's artefacts: how its executable is run or checked, its signature, and what the CLIs check. */
export function exercisedHere(platform: Platform): { signature: string; run: string; checked: string } {
    const clis = `OpenTofu ${pinnedTofuVersion()} and Terraform ${TERRAFORM_VERSION}`;
    const checked = `zip downloaded from the registry by \`providers lock\` (${clis}), checked against the signed SHA256SUMS, its \`h1:\` recorded (equal to the mirror's)`;
    const exercised = EXERCISED[platform.id];
    if (!exercised) throw new Error(`generate/release-platforms.ts says nothing of how ${platform.id} is exercised: add its row to EXERCISED`);
    if (platform.id === BUILD_PLATFORM_ID) {
        return {
            signature: exercised.signature,
            run: `${exercised.run}; ${clis} install it from the registry, the network mirror and a filesystem mirror, then plan and apply against the emulator; the Pulumi CLI ${pinnedPulumiVersion()} downloads the archive for a YAML and a Python program and runs them`,
            checked,
        };
    }
    return { ...exercised, checked };
}

/** The platforms table. */
function platformsTable(): string {
    return [
        "| platform | Terraform zip, Pulumi archive | code signature | run or checked here | checked by the CLIs |",
        "|---|---|---|---|---|",
        ...PLATFORMS.map((p) => {
            const { signature, run, checked } = exercisedHere(p);
            return `| ${p.id} | \`_${p.goos}_${p.goarch}.zip\`, \`-${p.goos}-${p.goarch}.tar.gz\` | ${signature} | ${run} | ${checked} |`;
        }),
    ].join("\n");
}

/** A shell block with its marker comment. */
function shellBlock(marker: string, code: string): string {
    return [`<!-- sh: ${marker} -->`, "```sh", code, "```"].join("\n");
}

/** The sections by marker name. */
export const RELEASE_SECTIONS: Readonly<Record<string, () => string>> = {
    platforms: platformsTable,
    "providers-lock": () =>
        shellBlock(
            "run by tests/engine/provider-registry.test.ts (every platform recorded from the registry, by tofu and terraform)",
            `tofu providers lock ${platformFlags()}   # or terraform providers lock`,
        ),
    "providers-lock-fs-mirror": () =>
        shellBlock(
            "run by tests/engine/provider-registry.test.ts (every platform recorded from the filesystem mirror, by tofu and terraform)",
            `tofu providers lock -fs-mirror=${FS_MIRROR_DIR} ${platformFlags()}   # or terraform providers lock`,
        ),
};

/** The README with each `release:` section written from {@link PLATFORMS}; an error naming a missing section. Pure. */
export function readmeWithReleaseSections(readme: string): string {
    let text = readme;
    for (const [name, render] of Object.entries(RELEASE_SECTIONS)) {
        const open = `<!-- release:${name} -->`;
        const close = `<!-- /release:${name} -->`;
        const start = text.indexOf(open);
        const end = text.indexOf(close);
        if (start < 0 || end < start) throw new Error(`README.md has no ${open} ... ${close} section`);
        text = `${text.slice(0, start + open.length)}\n${render()}\n${text.slice(end)}`;
    }
    return text;
}
