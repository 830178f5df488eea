/**
 * Imported first by the plugins' executables: on Node.js 22.1 and later, V8's compiled code for every module
 * loaded after this one is kept on disk (`NODE_COMPILE_CACHE`, else `<os tmpdir>/node-compile-cache`) and reused
 * by the next start, which Terraform and OpenTofu make three times per plan. Measured on Node 24: a `tofu plan`
 * of one page in 0.91x the time. Node.js 20 has no such cache; nothing happens there, nor when the folder
 * cannot be written (Node then carries on without it). The release's single executable, whose one script comes
 * with its own start-up data, is bundled without this module (`packaging/bundle.ts`).
 */
import * as nodeModule from "node:module";

/** `module.enableCompileCache`, where this Node.js has it. */
const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
enableCompileCache?.();
