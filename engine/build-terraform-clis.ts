/**
 * The steps of `npm run engine` that build `tofu`, `terraform` and `opa` (see `terraform-clis.ts`) into the bin
 * folder, each under its lock file and only when it is missing or was built from other inputs.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EngineBuildError, ensureStep, goBuild, goInstall, progress } from "./build-steps";
import { cliInputsHash, cliIsBuilt, cliStampPath, reportedVersion, TerraformCliBuild, terraformCliBuilds } from "./terraform-clis";

/** Builds `build` into `binDir`, checks the version it reports, then records its inputs' hash. */
async function makeCli(binDir: string, build: TerraformCliBuild): Promise<void> {
    const target = join(binDir, build.name);
    const label = `${build.name} ${build.version}`;
    progress(
        `building ${build.product} ${build.version} (${build.name}) from the Go module proxy into ${binDir} (${build.coldCost}; Go's caches make the next one fast)`,
    );
    if (build.source.kind === "module") {
        await goBuild({ label, moduleDir: build.source.moduleDir, pkg: build.source.pkg, flags: build.flags, target });
    } else {
        await goInstall({ label, pkgAtVersion: build.source.pkgAtVersion, flags: build.flags, target });
    }
    const reported = reportedVersion(build.name, target);
    if (reported !== build.version) {
        rmSync(target, { force: true });
        throw new EngineBuildError(`the built ${build.name} reports version ${String(reported)}, expected ${build.version}`);
    }
    writeFileSync(cliStampPath(build.name, binDir), `${cliInputsHash(build)}\n`);
}

/**
 * Builds what is missing or stale of `tofu`, `terraform` and `opa` in `binDir`, one at a time: each `go build`
 * already keeps every core busy, and OpenTofu's alone peaks at about 2 GB of memory.
 */
export async function ensureTerraformClis(binDir: string): Promise<void> {
    for (const build of terraformCliBuilds()) {
        await ensureStep(
            binDir,
            build.name,
            () => cliIsBuilt(build, binDir),
            () => makeCli(binDir, build),
        );
    }
}
