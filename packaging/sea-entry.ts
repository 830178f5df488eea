/**
 * The one script of the single executable. Its arguments are read first (`command-line.ts`, nothing else loaded):
 * `--version` and `--help` answer as a command-line tool's do, and `--write-mirror` (the npm package's provider's
 * flag) says where it belongs, exit code 2 (`release-executable-answers.ts`, loaded only for those). Otherwise it
 * serves: the Terraform and OpenTofu provider when a CLI starts it through go-plugin (which always sets
 * `TF_PLUGIN_MAGIC_COOKIE`; the provider then checks its value), else the Pulumi provider plugin (whose engine
 * passes its address and logging flags, which are not needed). Bundled by `bundle.ts`, which defines
 * `RELEASE_VERSION` (the executable has no package.json beside it). With the trained code cache (the release's
 * default) the executable's main is `sea-loader.ts`, which compiles this bundle with V8's cache and runs it with the
 * same `require`.
 *
 * Built into a V8 startup snapshot (`npm run release -- --startup snapshot`, linux-x64 only), the script runs once
 * at build time: the Terraform provider's modules, its codec (with its own cty msgpack), and its RPC handlers with
 * the client they are built from are evaluated into the snapshot (none holds a handle or reads the environment as
 * it loads; `node:http2` still loads after the handshake line, undici on the read), and the arguments are read and
 * the side chosen at each start, after the snapshot is read. Otherwise it chooses at once, each side required only on its branch.
 */
import { basename } from "node:path";
import { startupSnapshot } from "node:v8";
import { providerCommand } from "../provider/plugin-process/command-line";
import { MAGIC_COOKIE_KEY } from "../provider/terraform/handshake";
import { WRITE_MIRROR_FLAG } from "../provider/terraform/provider-flags";

/** The package's version, written in by the bundler. */
declare const RELEASE_VERSION: string;

type TerraformMain = typeof import("../provider/terraform/main");

/** Answers the arguments, or starts the side the environment asks for. */
function run(terraform: () => TerraformMain): void {
    // A single executable's argv repeats the executable at [1], as `node script` would have the script.
    const name = basename(process.execPath);
    const command = providerCommand(process.argv.slice(2), { name, flags: [WRITE_MIRROR_FLAG], otherArguments: "serve" });
    if (command.kind !== "serve") {
        const answer = (require("./release-executable-answers") as typeof import("./release-executable-answers")).releaseAnswer(command, name, RELEASE_VERSION);
        process.stdout.write(answer.stdout);
        process.stderr.write(answer.stderr);
        process.exitCode = answer.exitCode;
    } else if (process.env[MAGIC_COOKIE_KEY] !== undefined) terraform().runProvider();
    else (require("../provider/plugin/main") as typeof import("../provider/plugin/main")).runPlugin(RELEASE_VERSION);
}

const loadTerraform = () => require("../provider/terraform/main") as TerraformMain;

if (startupSnapshot.isBuildingSnapshot()) {
    const terraform = loadTerraform();
    // Evaluated ahead too: what the first RPCs load (they hold no handle), so that no start evaluates them.
    require("../provider/terraform/tfplugin6-codec");
    require("../provider/terraform/provider-server");
    startupSnapshot.setDeserializeMainFunction(() => run(() => terraform));
} else {
    run(loadTerraform);
}
