/**
 * Where the Python virtual environment lives that both the engine tests (the Python language host runs programs
 * with it) and the release (the SDK's wheel is built with its setuptools) use: `python/<hash of
 * python-requirements.txt>/venv` under the cache folder. `npm run engine` makes it (`engine/build-engine.ts`).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cacheRoot, shortHash } from "./cache";

/** The Python packages of the virtual environment (`pip install -r`), every one pinned. */
export const PYTHON_REQUIREMENTS = join(__dirname, "python-requirements.txt");

/** The Python virtual environment: `python/<hash of the requirements file>/venv` under the cache root. */
export function pythonVenvDir(): string {
    return join(cacheRoot(), "python", shortHash([readFileSync(PYTHON_REQUIREMENTS)]), "venv");
}

/** The Python interpreter of the virtual environment (the Pulumi SDK, setuptools and wheel importable from it). */
export function pythonEnvironmentPython(): string {
    return join(pythonVenvDir(), "bin", "python");
}

/** The file written once the virtual environment's packages are installed: their `pip freeze`. */
export function pythonStampPath(): string {
    return join(dirname(pythonVenvDir()), "installed.txt");
}
