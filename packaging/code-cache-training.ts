/**
 * The training run that makes one side's trained code cache for the release executable (`--startup
 * trained-code-cache`), run by the build platform's `node` (the executable's own binary) as
 * `node --random-seed=1 --predictable train.js <terraform|pulumi> <wrapped bundle> <cache>`. It compiles the
 * bundle as the executable's loader does (`bundle-wrapper.ts`), then drives it as the CLIs do, over the server's
 * own socket, against the emulator (in this process, loopback): the Terraform provider, with AutoMTLS, through a
 * plan's calls but the read (GetProviderSchema, GetResourceIdentitySchemas, ValidateProviderConfig,
 * ValidateDataResourceConfig, ConfigureProvider) and Shutdown, whose `process.exit` ends the run; or the Pulumi
 * provider plugin's GetSchema, Configure and an Invoke listing one page, then the exit. At that exit, V8's code
 * cache of the script is written: after the run it holds every function those calls compiled, not only the
 * top-level ones (V8's "code caching after execution"). Any call that fails, or answers with a diagnostic, fails
 * the run (exit code 1, nothing written): a cache trained on an error path is not made. Driving the real servers
 * (rather than calling the handlers) trains the gRPC server, the codec and the exit as a start runs them; the
 * HTTP/2 and TLS code itself is Node.js's and not in the cache.
 *
 * The Terraform provider's ReadDataSource is not trained: V8 reads a whole cache when it compiles, at every start,
 * and only one start of a plan reads (undici and the listing load only for it: 336 KB of the cache, 1.1 MB with
 * them). Measured (41 rounds each, `perf stat`, CPU of a start): with the read trained, 84.5, 90.2 and 106.6 ms for a
 * plan's three starts; without, 78.3, 78.7 and 111.3 ms; Node.js's own code cache, 80.9, 94.0 and 118.7 ms. A
 * Pulumi plugin serves all its calls in one process, so its Invoke is trained.
 *
 * V8 accepts a cache only under the V8 flags it was made with (its flag hash is computed when the cache is made):
 * the training turns bytecode flushing off (so that a loaded machine's extra collections drop nothing from the
 * cache), and the Terraform provider's read sets `--liftoff-only` at run time (`wasm-baseline.ts`; the read is not
 * trained, but a cache made after it was refused), so both are set back to their defaults before the cache is
 * written, and the executable, which starts with V8's defaults, accepts it (tests/engine/release-trained-code-cache.test.ts
 * checks: it failed when the read was trained without that). `--random-seed` and `--predictable` are not in the
 * flag hash.
 */
import { X509Certificate } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import * as http2 from "node:http2";
import { dirname } from "node:path";
import * as tls from "node:tls";
import { setFlagsFromString } from "node:v8";
import * as vm from "node:vm";
import { demoVerifications, startEmulator } from "../emulator";
import { WASM_BASELINE_FLAG } from "../provider/plugin-process/wasm-baseline";
import { FUNCTION_TOKEN } from "../provider/pulumi-names";
import { encodeCtyValue } from "../provider/terraform/cty-msgpack-encoding";
import { GO_PLUGIN_ENV, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PROTOCOL_VERSION } from "../provider/terraform/handshake";
import { dataSourceSchema, providerSchema } from "../provider/terraform/provider-schema";
import { WireWriter } from "../provider/terraform/protobuf-wire";
import { selfSignedCertificate } from "../provider/terraform/self-signed-certificate";
import { DATA_SOURCE_TYPE } from "../provider/terraform/terraform-names";
import { decodeMessage, encodeMessage } from "../provider/terraform/tfplugin6-codec";
import type { MessageName, Schema } from "../provider/terraform/tfplugin6-messages";
import { compileBundle, isTrainedSide, TRAINED_SIDES, TrainedSide } from "./bundle-wrapper";

/** The verifications the emulator holds: one page of a listing. */
const TRAINING_VERIFICATIONS = 20;

/** V8's flushing of the bytecode of functions not run for a few collections: off while training, on again after. */
const BYTECODE_FLUSHING_FLAG = "flush-bytecode";

/** The longest the whole training may take. */
const TRAINING_LIMIT_MS = 60_000;

/** How each gRPC call is reached: a session, and a name for errors. */
interface Channel {
    session: http2.ClientHttp2Session;
    name: string;
}

/** One unary gRPC call: the message framed, POSTed; the answer's message, or an error naming the call and its status. */
function unary(channel: Channel, path: string, message: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const frame = Buffer.alloc(5 + message.length);
        frame.writeUInt32BE(message.length, 1);
        frame.set(message, 5);
        const request = channel.session.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers" });
        const chunks: Buffer[] = [];
        let status: unknown;
        let grpcMessage: unknown;
        request.on("response", (headers) => ([status, grpcMessage] = [headers["grpc-status"], headers["grpc-message"]]));
        request.on("trailers", (trailers) => ([status, grpcMessage] = [trailers["grpc-status"] ?? status, trailers["grpc-message"] ?? grpcMessage]));
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("error", reject);
        request.on("end", () => {
            const body = Buffer.concat(chunks);
            if (String(status) !== "0") return reject(new Error(`${channel.name} ${path}: grpc-status ${String(status)} ${String(grpcMessage ?? "")}`));
            resolve(body.subarray(5));
        });
        request.end(frame);
    });
}

/** The next line the bundle writes on stdout (its handshake or port line), caught from `process.stdout.write`. */
function nextStdoutLine(): Promise<string> {
    const write = process.stdout.write.bind(process.stdout);
    return new Promise((resolve) => {
        let text = "";
        process.stdout.write = ((chunk: string | Uint8Array) => {
            text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
            const end = text.indexOf("\n");
            if (end >= 0) {
                process.stdout.write = write;
                resolve(text.slice(0, end));
            }
            return true;
        }) as typeof process.stdout.write;
    });
}

/** A protobuf `google.protobuf.Struct` of strings and numbers. */
function struct(fields: Record<string, string | number>): WireWriter {
    const writer = new WireWriter();
    for (const [key, value] of Object.entries(fields)) {
        const valueWriter = new WireWriter();
        if (typeof value === "string") valueWriter.lengthDelimited(3, Buffer.from(value));
        else {
            const double = Buffer.alloc(8);
            double.writeDoubleLE(value);
            valueWriter.tag(2, 1).raw(double);
        }
        writer.embed(1, new WireWriter().lengthDelimited(1, Buffer.from(key)).embed(2, valueWriter));
    }
    return writer;
}

/** Emulator's address and keys. */
interface Account {
    url: string;
    accessKeyId: string;
    accessKeySecret: string;
}

/** The Pulumi provider plugin (the bundle started without the cookie): GetSchema, Configure, Invoke of one page. */
async function trainPulumiPlugin(start: () => void, account: Account): Promise<void> {
    const line = nextStdoutLine();
    start();
    const port = Number(await line);
    if (!Number.isInteger(port) || port <= 0) throw new Error(`the Pulumi plugin printed "${String(port)}", not its port`);
    const channel = { session: http2.connect(`http://127.0.0.1:${port}`), name: "the Pulumi plugin" };
    const call = (rpc: string, message: WireWriter) => unary(channel, `/pulumirpc.ResourceProvider/${rpc}`, message.finish());
    await call("GetSchema", new WireWriter());
    // ConfigureRequest: args (2), acceptSecrets (3); InvokeRequest: tok (1), args (2).
    await call(
        "Configure",
        new WireWriter()
            .embed(2, struct({ endpoint: account.url }))
            .tag(3, 0)
            .varint(1),
    );
    const invoked = await call(
        "Invoke",
        new WireWriter().lengthDelimited(1, Buffer.from(FUNCTION_TOKEN)).embed(2, struct({ ...keysOf(account), pageSize: 50 })),
    );
    // InvokeResponse: return (1); failures (2) must be absent.
    if (invoked.length === 0 || invoked[0] !== 0x0a) throw new Error(`the Pulumi plugin's Invoke answered no result or failures (${invoked.length} bytes)`);
    channel.session.close();
}

/** The Invoke's keys. */
function keysOf(account: Account): Record<string, string> {
    return { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
}

/** A tfplugin6 RPC's answer, decoded; an error when it has a diagnostic. */
async function tfCall(channel: Channel, rpc: string, request: object): Promise<Record<string, unknown>> {
    const bytes = await unary(channel, `/tfplugin6.Provider/${rpc}`, encodeMessage(`${rpc}.Request` as MessageName, request));
    const answer = decodeMessage(`${rpc}.Response` as MessageName, bytes) as Record<string, unknown>;
    const diagnostics = answer.diagnostics as unknown[] | undefined;
    if (diagnostics && diagnostics.length > 0) throw new Error(`the Terraform provider's ${rpc} answered ${JSON.stringify(diagnostics).slice(0, 500)}`);
    return answer;
}

/** A configuration as Terraform sends it: every attribute and block of `schema`, null (the schema's own names). */
function nullConfig(schema: Schema): Record<string, null> {
    const names = [...(schema.block.attributes ?? []).map((a) => a.name), ...(schema.block.blockTypes ?? []).map((b) => b.typeName)];
    return Object.fromEntries(names.map((name) => [name, null]));
}

/** The Terraform provider (the bundle started with the cookie, AutoMTLS): a plan's calls but the read, then Shutdown. */
async function trainTerraformProvider(start: () => void, account: Account): Promise<void> {
    const client = selfSignedCertificate();
    process.env[MAGIC_COOKIE_KEY] = MAGIC_COOKIE_VALUE;
    process.env[GO_PLUGIN_ENV.protocolVersions] = String(PROTOCOL_VERSION);
    process.env[GO_PLUGIN_ENV.clientCert] = client.certPem;
    const line = nextStdoutLine();
    start();
    const [, , network, address, , cert] = (await line).split("|");
    if (network !== "unix" || !address || !cert)
        throw new Error(`the Terraform provider's handshake line is not a Unix socket's with a certificate: ${await line}`);
    const ca = new X509Certificate(Buffer.from(cert, "base64")).toString();
    const session = http2.connect("https://localhost", {
        createConnection: () => tls.connect({ path: address, servername: "localhost", ca, key: client.keyPem, cert: client.certPem, ALPNProtocols: ["h2"] }),
    });
    const channel = { session, name: "the Terraform provider" };
    const dynamic = (value: Parameters<typeof encodeCtyValue>[0]) => ({ msgpack: encodeCtyValue(value) });
    const providerConfig = dynamic({
        ...nullConfig(providerSchema()),
        endpoint: account.url,
        access_key: account.accessKeyId,
        secret_key: account.accessKeySecret,
        assume_role: null,
        endpoints: null,
    });
    const dataConfig = dynamic({ ...nullConfig(dataSourceSchema()), page_size: 50 });
    // A plan's three starts, in one process: the schema; validation; configuration (the read is not trained: above).
    await tfCall(channel, "GetProviderSchema", {});
    await tfCall(channel, "GetResourceIdentitySchemas", {});
    await tfCall(channel, "ValidateProviderConfig", { config: providerConfig });
    await tfCall(channel, "ValidateDataResourceConfig", { typeName: DATA_SOURCE_TYPE, config: dataConfig });
    await tfCall(channel, "ConfigureProvider", { terraformVersion: "1.12.6", config: providerConfig });
    trained = true;
    // Shutdown: the provider answers, closes its server and exits the process, which writes the cache.
    await unary(channel, "/plugin.GRPCController/Shutdown", new Uint8Array(0));
}

let trained = false;

/** Trains the bundle at `bundlePath`; writes the cache to `cachePath` when the process exits after a full training. */
async function train(side: TrainedSide, sourcePath: string, cachePath: string): Promise<void> {
    // No function the run compiled is dropped again by a collection, however many a loaded machine runs.
    setFlagsFromString(`--no-${BYTECODE_FLUSHING_FLAG}`);
    const compiled = compileBundle(vm, readFileSync(sourcePath, "utf8"));
    process.on("exit", () => {
        if (!trained) return;
        // Back to V8's defaults before the cache records the flag hash (the executable starts with the defaults).
        setFlagsFromString(WASM_BASELINE_FLAG.replace(/^--/, "--no-"));
        setFlagsFromString(`--${BYTECODE_FLUSHING_FLAG}`);
        writeFileSync(cachePath, compiled.script.createCachedData());
    });
    setTimeout(() => fail(new Error(`the training did not end within ${TRAINING_LIMIT_MS} ms`)), TRAINING_LIMIT_MS).unref();
    const emulator = await startEmulator({ verifications: demoVerifications(TRAINING_VERIFICATIONS) });
    const account = { url: emulator.url, ...emulator.account };
    // As the executable starts: its own path twice (a single executable's argv), no arguments, no NODE_OPTIONS.
    process.argv = [process.execPath, process.execPath];
    const start = () => compiled.run({ exports: {}, require, module: undefined, filename: process.execPath, dirname: dirname(process.execPath) });
    delete process.env[MAGIC_COOKIE_KEY];
    if (side === "pulumi") {
        await trainPulumiPlugin(start, account);
        trained = true;
        // The plugin runs until its engine ends it; here, the process ends, which writes the cache.
        process.exit(0);
    } else await trainTerraformProvider(start, account);
}

/** Says why the training failed and exits 1 (no cache is written). */
function fail(error: unknown): void {
    trained = false;
    process.stderr.write(`code cache training failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
}

const [side, sourcePath, cachePath] = process.argv.slice(2);
if (!isTrainedSide(side) || !sourcePath || !cachePath) fail(new Error(`usage: node train.js <${TRAINED_SIDES.join("|")}> <wrapped bundle.js> <cache out>`));
else train(side, sourcePath, cachePath).catch(fail);
