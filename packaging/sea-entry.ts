/**
 * The one script of the single executable: the Terraform and OpenTofu provider when a CLI starts it through
 * go-plugin (which always sets `TF_PLUGIN_MAGIC_COOKIE`; the provider then checks its value), otherwise the Pulumi
 * provider plugin. Each side is required only on its branch, so the other is never loaded. Bundled by `bundle.ts`,
 * which defines `RELEASE_VERSION` (the executable has no package.json beside it).
 */
import { MAGIC_COOKIE_KEY } from "../provider/terraform/handshake";

/** The package's version, written in by the bundler. */
declare const RELEASE_VERSION: string;

if (process.env[MAGIC_COOKIE_KEY] !== undefined) {
    (require("../provider/terraform/main") as typeof import("../provider/terraform/main")).runProvider();
} else {
    (require("../provider/plugin/main") as typeof import("../provider/plugin/main")).runPlugin(RELEASE_VERSION);
}
