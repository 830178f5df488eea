/**
 * `npm run release`: the release's artefacts in `release/`, built in the steps listed in {@link STEPS} (each prints
 * its progress; another step, such as a Python wheel, is one more entry): the Node.js binaries, the bundle, one
 * single executable per platform packed as Pulumi's `.tar.gz` and Terraform's `.zip` (skipped when nothing they are
 * made of changed), the Terraform registry manifest, the SHA256SUMS over the zips and the manifest, its signature
 * when a key is given, and the Python SDK's wheel (built with the engine's Python environment: `npm run engine`
 * first). Ends with each artefact's size.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ArchiveEntry, tarGz, zip } from "./archives";
import { bundle, Bundle } from "./bundle";
import { sha256Sums } from "./checksums";
import { gpgDetachSign } from "./gpg-sign";
import { ensureNodeBinaries, NODE_VERSION } from "./node-binaries";
import { buildPythonWheel } from "./python-wheel";
import { REPO_ROOT } from "./paths";
import { ensureRcodesign, RCODESIGN_VERSION } from "./rcodesign";
import { notarize, signDarwinExecutable, signingCacheInput } from "./macos-signing";
import { withoutAuthenticode } from "./pe-authenticode";
import { BUILD_PLATFORM_ID, Platform, selectPlatforms } from "./platforms";
import { cacheKey, isCached, recordBuild } from "./release-cache";
import { parseReleaseOptions, ReleaseOptions } from "./release-options";
import {
    pulumiArchiveName,
    pulumiExecutableName,
    terraformExecutableName,
    terraformManifest,
    terraformManifestName,
    terraformSumsName,
    terraformSumsSignatureName,
    terraformZipName,
} from "./release-names";
import { injectBlob, REPRODUCIBLE_BLOB_FLAGS, seaBlob, SeaOptions, StartupData } from "./sea-executable";
import { trainCodeCaches, trainingScripts, TrainingScripts } from "./trained-code-cache";

/** What the steps share. */
export interface ReleaseContext {
    options: ReleaseOptions;
    /** The package's version, from package.json. */
    version: string;
    /** A scratch folder, removed at the end. */
    workDir: string;
    log(line: string): void;
    /** Each platform's `node`, by platform id (set by the first step). */
    nodes: Map<string, string>;
    /** The bundle (set by the bundle step). */
    bundle?: Bundle;
    /** The trained code cache's loader and training, when that start-up data is built (bundled on first need). */
    training?: TrainingScripts;
    /** `rcodesign`, when a darwin platform is built (set by its step). */
    rcodesign?: string;
    /** The artefacts written, by file name, in order. */
    artefacts: string[];
}

/** One step: its name (printed) and what it does. */
export interface ReleaseStep {
    name: string;
    run(context: ReleaseContext): Promise<void> | void;
}

/** Writes an artefact and records it. */
function writeArtefact(context: ReleaseContext, name: string, data: Buffer | string): void {
    writeFileSync(join(context.options.outDir, name), data);
    context.artefacts.push(name);
}

/** Builds one platform's executable and archives, or keeps them when their inputs did not change. */
async function buildPlatform(context: ReleaseContext, platform: Platform, blobs: Map<StartupData, Buffer>): Promise<void> {
    const built = context.bundle;
    if (!built) throw new Error("the bundle step has not run");
    const outDir = context.options.outDir;
    // Start-up data is only valid on the platform that made it; `npm run bench:release` measures what it saves.
    const startup: StartupData = platform.id === BUILD_PLATFORM_ID ? context.options.startup : "none";
    const apple = context.options.apple ?? { kind: "ad-hoc" };
    const signing =
        platform.format === "macho"
            ? `rcodesign ${RCODESIGN_VERSION} ${signingCacheInput(apple)}`
            : platform.format === "pe"
              ? "unsigned, Authenticode entry cleared"
              : "none";
    // A trained code cache is also made of its loader and its training (their SHA-256 is in the key).
    const training = startup === "trained-code-cache" ? (context.training ??= await trainingScripts(NODE_VERSION)) : undefined;
    const key = cacheKey({
        bundleSha256: built.sha256,
        ...(training ? { trainingSha256: training.sha256 } : {}),
        nodeVersion: NODE_VERSION,
        platform: platform.id,
        startup,
        signing,
        version: context.version,
    });
    const tarName = pulumiArchiveName(context.version, platform);
    const zipName = terraformZipName(context.version, platform);
    const cacheDir = join(outDir, ".cache");
    if (isCached(cacheDir, outDir, platform.id, key)) {
        context.log(`${platform.id}: unchanged (bundle ${built.sha256.slice(0, 12)}, Node.js ${NODE_VERSION}), kept`);
        context.artefacts.push(tarName, zipName);
        return;
    }
    const started = Date.now();
    let blob = blobs.get(startup);
    if (!blob) {
        const buildNode = context.nodes.get(BUILD_PLATFORM_ID) as string;
        const options: SeaOptions = training
            ? {
                  startup: "trained-code-cache",
                  loader: training.loader,
                  caches: trainCodeCaches(buildNode, REPRODUCIBLE_BLOB_FLAGS, training.training, built.text, context.workDir),
              }
            : { startup: startup as Exclude<StartupData, "trained-code-cache"> };
        blob = seaBlob(buildNode, built, context.workDir, options);
        blobs.set(startup, blob);
    }
    const exePath = join(context.workDir, `exe-${platform.id}`);
    const injected = await injectBlob(context.nodes.get(platform.id) as string, blob, platform, exePath);
    const executable =
        platform.format === "macho"
            ? signDarwinExecutable(context.rcodesign as string, exePath, apple, context.nodes.get(platform.id) as string, context.log)
            : platform.format === "pe"
              ? withoutAuthenticode(injected)
              : injected;
    const entry = (name: string): ArchiveEntry[] => [{ name, data: executable }];
    const tarData = tarGz(entry(pulumiExecutableName(platform)));
    const zipData = zip(entry(terraformExecutableName(context.version, platform)));
    writeArtefact(context, tarName, tarData);
    writeArtefact(context, zipName, zipData);
    if (platform.format === "macho" && apple.kind === "developer-id" && apple.notarizeWith) {
        notarize(context.rcodesign as string, apple.notarizeWith, join(outDir, zipName), context.log);
    }
    recordBuild(
        cacheDir,
        platform.id,
        key,
        new Map([
            [tarName, tarData],
            [zipName, zipData],
        ]),
    );
    const startupNote =
        (startup === "none"
            ? ""
            : `, with a V8 ${{ snapshot: "startup snapshot", "code-cache": "code cache", "trained-code-cache": "code cache trained on a plan's calls" }[startup]}`) +
        (platform.format === "macho" ? `, signed ${apple.kind === "ad-hoc" ? "ad hoc" : `with a Developer ID${apple.notarizeWith ? ", notarized" : ""}`}` : "");
    context.log(`${platform.id}: executable ${mb(executable.length)}${startupNote}, archives in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Bytes as MB (10^6), one decimal. */
function mb(bytes: number): string {
    return bytes >= 100_000 ? `${(bytes / 1e6).toFixed(1)} MB` : `${bytes} bytes`;
}

/** The steps, in order. */
export const STEPS: readonly ReleaseStep[] = [
    {
        name: `Node.js ${NODE_VERSION} binaries`,
        async run(context) {
            // The build platform's `node` writes the blobs, even when its own executable is not built.
            const build = context.options.platforms.some((p) => p.id === BUILD_PLATFORM_ID) ? [] : selectPlatforms([BUILD_PLATFORM_ID]);
            context.nodes = await ensureNodeBinaries([...context.options.platforms, ...build], context.log);
        },
    },
    {
        name: "bundle (esbuild)",
        async run(context) {
            const built = await bundle(context.version, NODE_VERSION);
            context.bundle = built;
            context.log(`bundle ${mb(built.text.length)}, sha256 ${built.sha256.slice(0, 12)}`);
        },
    },
    {
        name: `macOS code signer (rcodesign ${RCODESIGN_VERSION}, built once into the cache)`,
        async run(context) {
            if (!context.options.platforms.some((p) => p.format === "macho")) return context.log("no darwin platform: not needed");
            const apple = context.options.apple;
            context.rcodesign = await ensureRcodesign(context.log, apple?.kind === "developer-id" && apple.notarizeWith ? "notarize" : "sign");
            context.log(context.rcodesign);
        },
    },
    {
        name: "single executables and archives",
        async run(context) {
            const blobs = new Map<StartupData, Buffer>();
            for (const platform of context.options.platforms) await buildPlatform(context, platform, blobs);
        },
    },
    {
        name: "Terraform registry manifest and SHA256SUMS",
        run(context) {
            const manifest = terraformManifestName(context.version);
            writeArtefact(context, manifest, terraformManifest());
            const summed = [...context.options.platforms.map((p) => terraformZipName(context.version, p)), manifest];
            const sums = sha256Sums(summed.map((name) => ({ name, data: readFileSync(join(context.options.outDir, name)) })));
            writeArtefact(context, terraformSumsName(context.version), sums);
            rmSync(join(context.options.outDir, terraformSumsSignatureName(context.version)), { force: true });
        },
    },
    {
        name: "signature of SHA256SUMS (gpg --detach-sign)",
        run(context) {
            const key = context.options.gpgKey;
            if (!key) return context.log("no --gpg-key (or RELEASE_GPG_KEY): not signed");
            const sums = join(context.options.outDir, terraformSumsName(context.version));
            gpgDetachSign(sums, join(context.options.outDir, terraformSumsSignatureName(context.version)), key);
            context.artefacts.push(terraformSumsSignatureName(context.version));
            context.log(`signed with ${key}`);
        },
    },
    {
        name: "Python SDK wheel (pip wheel, offline, with the engine's Python environment)",
        run(context) {
            const wheel = buildPythonWheel({ outDir: context.options.outDir });
            context.artefacts.push(basename(wheel));
        },
    },
];

/** Runs every step; returns the artefacts written, with their sizes. */
export async function release(options: ReleaseOptions, log: (line: string) => void): Promise<{ name: string; bytes: number }[]> {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
    mkdirSync(options.outDir, { recursive: true });
    const workDir = mkdtempSync(join(tmpdir(), "release-"));
    const context: ReleaseContext = { options, version, workDir, log: (line) => log(`   ${line}`), nodes: new Map(), artefacts: [] };
    try {
        for (const [i, step] of STEPS.entries()) {
            const started = Date.now();
            log(`== [${i + 1}/${STEPS.length}] ${step.name}`);
            await step.run(context);
            log(`   done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
    } finally {
        rmSync(workDir, { recursive: true, force: true });
    }
    return context.artefacts.map((name) => ({ name, bytes: statSync(join(options.outDir, name)).size }));
}

if (require.main === module) {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const started = Date.now();
    let options: ReleaseOptions;
    try {
        options = parseReleaseOptions(process.argv.slice(2));
    } catch (error) {
        log(`release: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(2);
    }
    release(options, log).then(
        (artefacts) => {
            log(`== ${artefacts.length} artefacts in ${options.outDir} (${((Date.now() - started) / 1000).toFixed(1)} s):`);
            for (const a of artefacts) log(`   ${mb(a.bytes).padStart(10)}  ${a.name}`);
        },
        (error: unknown) => {
            log(`release failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
        },
    );
}
