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

/** What the tests do with a platform's artefacts: run them here (the build platform), or check them only. */
export function exercisedHere(platform: Platform): { run: string; checked: string } {
    const clis = `OpenTofu ${pinnedTofuVersion()} and Terraform ${TERRAFORM_VERSION}`;
    const checked = `zip downloaded from the registry by \`providers lock\` (${clis}), checked against the signed SHA256SUMS, its \`h1:\` recorded (equal to the mirror's)`;
    if (platform.id === BUILD_PLATFORM_ID) {
        return {
            run: `natively: ${clis} install it from the registry, the network mirror and a filesystem mirror, then plan and apply against the emulator; the Pulumi CLI ${pinnedPulumiVersion()} downloads the archive for a YAML and a Python program and runs them`,
            checked,
        };
    }
    return { run: "not run here", checked };
}

/** The platforms table. */
function platformsTable(): string {
    return [
        "| platform | Terraform zip, Pulumi archive | run here | checked here |",
        "|---|---|---|---|",
        ...PLATFORMS.map((p) => {
            const { run, checked } = exercisedHere(p);
            return `| ${p.id} | \`_${p.goos}_${p.goarch}.zip\`, \`-${p.goos}-${p.goarch}.tar.gz\` | ${run} | ${checked} |`;
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
