/** Where the release is built from and written to. */
import { join } from "node:path";

/** The repository's root. */
export const REPO_ROOT = join(__dirname, "..");

/** The release's artefacts (ignored by git). */
export const RELEASE_DIR = join(REPO_ROOT, "release");

/** The build cache's records, one per platform, beside the artefacts. */
export const RELEASE_CACHE_DIR = join(RELEASE_DIR, ".cache");
