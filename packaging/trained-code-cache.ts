/**
 * The trained code cache's build (`--startup trained-code-cache`): the executable's loader (`sea-loader.ts`) and
 * the training run (`code-cache-training.ts`) bundled by esbuild, and the training run by the build platform's
 * `node` with V8's random seed fixed (`REPRODUCIBLE_BLOB_FLAGS`) and its deterministic mode, in the build folder,
 * from relative paths, once per side. Their output, V8's code cache of the bundle after a plan's calls and after a
 * Pulumi Invoke, goes into the blob as assets beside the wrapped bundle; the loader is the blob's main. Two
 * trainings give the same bytes (tests/engine/release-trained-code-cache.test.ts), so the release stays reproducible.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleScript } from "./bundle";
import { TrainedSide, wrappedSource } from "./bundle-wrapper";

/** The training's and its bundle's file names in the build folder. */
const TRAINING_SCRIPT = "train.js";
const TRAINING_BUNDLE = "train-bundle.js";

/**
 * V8's deterministic mode for the training (no concurrent compiling or collecting on other threads), so that
 * two builds, however loaded their machine, give the same cache: V8 leaves it out of the flag hash so that a code
 * cache made with it is accepted without it.
 */
export const TRAINING_FLAGS = ["--predictable"] as const;

/** The longest a training run may take (it takes about a second). */
const TRAINING_TIMEOUT_MS = 120_000;

/** The loader's and the training's scripts, and the SHA-256 over both (a part of the release's cache key). */
export interface TrainingScripts {
    loader: string;
    training: string;
    sha256: string;
}

/** The loader and the training, bundled. */
export async function trainingScripts(nodeVersion: string): Promise<TrainingScripts> {
    const [loaderFile, trainingFile] = await Promise.all([bundleScript("sea-loader.ts", nodeVersion), bundleScript("code-cache-training.ts", nodeVersion)]);
    // The loader is the executable's main: legal comments of its own would be shipped nowhere.
    if (loaderFile.legalNotices !== "") throw new Error("the code-cache loader's bundle has legal comments: ship them with the executable's notices");
    const [loader, training] = [loaderFile.script.text, trainingFile.script.text];
    return { loader, training, sha256: createHash("sha256").update(loader).update("\0").update(training).digest("hex") };
}

/**
 * Writes the bundle and the training into `workDir`, runs the training of each side with `buildNode` and `flags`
 * (the blob's, `REPRODUCIBLE_BLOB_FLAGS`) and {@link TRAINING_FLAGS}; returns each side's cache, or an error with
 * the training's stderr. Its stdout is a pipe, as a CLI gives a provider (a file there made V8 write other bytes).
 */
export function trainCodeCaches(
    buildNode: string,
    flags: readonly string[],
    training: string,
    bundleText: string,
    workDir: string,
): Record<TrainedSide, Buffer> {
    writeFileSync(join(workDir, TRAINING_BUNDLE), wrappedSource(bundleText));
    writeFileSync(join(workDir, TRAINING_SCRIPT), training);
    const train = (side: TrainedSide): Buffer => {
        const cacheFile = `train-${side}.cache`;
        const result = spawnSync(buildNode, [...flags, ...TRAINING_FLAGS, TRAINING_SCRIPT, side, TRAINING_BUNDLE, cacheFile], {
            cwd: workDir,
            encoding: "utf8",
            // Not a pipe: the Pulumi plugin takes the end of a piped stdin for its engine's.
            stdio: ["ignore", "pipe", "pipe"],
            timeout: TRAINING_TIMEOUT_MS,
            // Nothing from the builder's environment (no NODE_OPTIONS, whose flags would change V8's flag hash; no
            // Alibaba Cloud settings): the training talks to its own emulator with its own keys.
            env: { PATH: process.env.PATH ?? "", HOME: workDir, TMPDIR: tmpdir() },
        });
        if (result.status !== 0)
            throw new Error(
                `the code cache's training run (${side}) failed (${String(result.status ?? result.signal)}): ${(result.stderr || String(result.error)).slice(-2000)}`,
            );
        return readFileSync(join(workDir, cacheFile));
    };
    return { terraform: train("terraform"), pulumi: train("pulumi") };
}
