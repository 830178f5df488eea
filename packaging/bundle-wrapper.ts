/**
 * How the release's bundle is compiled and run outside Node.js's own single-executable main (the
 * `trained-code-cache` start-up data): the bundle's text wrapped in a function that takes what a CommonJS module
 * gets (`sea-entry.ts` uses `require`, for built-in modules alone), compiled with `vm.Script` under one fixed name,
 * with V8's code cache when there is one. The executable's loader (`sea-loader.ts`) and the training run that makes
 * the cache (`code-cache-training.ts`) both compile it through {@link compileBundle}: V8 accepts a code cache only
 * for the same source (its length is checked) and the same V8 flags.
 */
import type * as VmModule from "node:vm";

/** The wrapped bundle's asset key in the single executable (`sea.getRawAsset`). */
export const BUNDLE_ASSET = "bundle.js";

/**
 * The two sides the executable serves, each with its own code cache: V8 reads a whole cache when it compiles, so
 * a start reads only the functions its own side ran in training.
 */
export const TRAINED_SIDES = ["terraform", "pulumi"] as const;

/** A side: the Terraform provider (started with go-plugin's cookie), or the Pulumi provider plugin. */
export type TrainedSide = (typeof TRAINED_SIDES)[number];

/** Whether `text` names a side. */
export function isTrainedSide(text: string | undefined): text is TrainedSide {
    return (TRAINED_SIDES as readonly (string | undefined)[]).includes(text);
}

/** A side's code cache's asset key in the single executable. */
export function codeCacheAsset(side: TrainedSide): string {
    return `bundle.${side}.cache`;
}

/** The compiled script's name (stack traces show it). */
export const BUNDLE_SCRIPT_NAME = "main.js";

/** The parameters of the wrapper function, a CommonJS module's. */
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) {";

/** The source compiled: the bundle inside the wrapper function. Pure. */
export function wrappedSource(bundleText: string): string {
    return `${WRAPPER_HEAD}${bundleText}\n})`;
}

/** What a CommonJS module gets, passed to the wrapper. */
export interface ModuleScope {
    exports: unknown;
    require: NodeJS.Require;
    module: unknown;
    filename: string;
    dirname: string;
}

/** The compiled bundle: its script (for `createCachedData`), whether V8 refused the cache, and how to run it. */
export interface CompiledBundle {
    script: VmModule.Script;
    /** True when a cache was given and V8 refused it (another V8 version, other flags, another source). */
    cacheRejected: boolean;
    /** Evaluates the bundle (its top-level code starts the provider or answers the arguments). */
    run(scope: ModuleScope): void;
}

/**
 * Compiles the wrapped source ({@link wrappedSource}, as the executable's asset holds it: no string is joined or
 * copied again at each start) with `vm.Script`, with `cachedData` when given.
 */
export function compileBundle(vm: typeof VmModule, source: string, cachedData?: Buffer): CompiledBundle {
    const script = new vm.Script(source, { filename: BUNDLE_SCRIPT_NAME, ...(cachedData ? { cachedData } : {}) });
    return {
        script,
        cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
        run(scope) {
            const wrapper = script.runInThisContext() as (
                exports: unknown,
                require: NodeJS.Require,
                module: unknown,
                filename: string,
                dirname: string,
            ) => void;
            wrapper(scope.exports, scope.require, scope.module, scope.filename, scope.dirname);
        },
    };
}
