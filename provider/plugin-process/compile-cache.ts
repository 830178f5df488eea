/**
 * Imported first by the plugins' executables: on Node.js 22.1 and later, V8's compiled code for every module
 * loaded after this one is kept on disk (`NODE_COMPILE_CACHE`, else `<os tmpdir>/node-compile-cache`) and reused
 * by the next start, which Terraform and OpenTofu make three times per plan. Measured on Node 24: a `tofu plan`
 * of one page in 0.91x the time. Node.js 20 has no such cache; nothing happens there, nor when the folder
 * cannot be written (Node then carries on without it), nor in the release's single executable, whose one script
 * comes with its own code cache and loads no module from disk.
 */
import * as nodeModule from "node:module";

/** Whether this process is a single executable application (`node:sea` exists from Node.js 20.12). */
function isSingleExecutable(): boolean {
    try {
        return (require("node:sea") as { isSea(): boolean }).isSea();
    } catch {
        return false;
    }
}

/** `module.enableCompileCache`, where this Node.js has it. */
const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
if (enableCompileCache && !isSingleExecutable()) enableCompileCache();
