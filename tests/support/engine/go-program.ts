/**
 * The Go program of the engine tests (tests/engine/go-program: the generated Go SDK, sdks/go, driven by the
 * Automation API), built once into the cache (a cold build compiles the Pulumi SDK: minutes on two cores).
 */
import { join } from "node:path";
import { cachedGoBuild } from "../../../engine/cached-go-build";
import { REPO_ROOT } from "../consumer-project";

/** The Go program's module. */
export const GO_PROGRAM_DIR = join(REPO_ROOT, "tests", "engine", "go-program");
/** The generated Go SDK's module, which the program's go.mod replaces its import with. */
export const GO_SDK_DIR = join(REPO_ROOT, "sdks", "go");

/** The built program's path, and how long building it took (0 when cached). */
export function goProgramBinary(): { path: string; buildMs: number } {
    return cachedGoBuild({ moduleDir: GO_PROGRAM_DIR, name: "go-program", alsoCompiles: [GO_SDK_DIR] });
}
