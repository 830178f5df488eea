/**
 * The one script of the single executable: the Terraform and OpenTofu provider when a CLI starts it through
 * go-plugin (which always sets `TF_PLUGIN_MAGIC_COOKIE`; the provider then checks its value), otherwise the Pulumi
 * provider plugin. Bundled by `bundle.ts`, which defines `RELEASE_VERSION` (the executable has no package.json
 * beside it).
 *
 * Built into a V8 startup snapshot (`npm run release -- --startup snapshot`, linux-x64 only), the script runs once
 * at build time: the Terraform provider's modules, its codec, its RPC handlers with the client they are built from,
 * and msgpack are evaluated into the snapshot (none holds a handle or reads the environment as it loads; `node:http2`
 * still loads after the handshake line, undici on the read), and the choice of side is made at each start, after
 * the snapshot is read. Otherwise it chooses at once, each side required only on its branch.
 */
import { startupSnapshot } from "node:v8";
import { MAGIC_COOKIE_KEY } from "../provider/terraform/handshake";

/** The package's version, written in by the bundler. */
declare const RELEASE_VERSION: string;

type TerraformMain = typeof import("../provider/terraform/main");

/** Starts the side the environment asks for. */
function run(terraform: () => TerraformMain): void {
    if (process.env[MAGIC_COOKIE_KEY] !== undefined) terraform().runProvider();
    else (require("../provider/plugin/main") as typeof import("../provider/plugin/main")).runPlugin(RELEASE_VERSION);
}

const loadTerraform = () => require("../provider/terraform/main") as TerraformMain;

if (startupSnapshot.isBuildingSnapshot()) {
    const terraform = loadTerraform();
    // Evaluated ahead too: what the first RPCs load (they hold no handle), so that no start evaluates them.
    require("../provider/terraform/tfplugin6-codec");
    require("../provider/terraform/provider-server");
    require("@msgpack/msgpack");
    startupSnapshot.setDeserializeMainFunction(() => run(() => terraform));
} else {
    run(loadTerraform);
}
