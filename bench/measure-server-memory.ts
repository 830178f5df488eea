/**
 * Peak memory growth of the providers' processes over one call that lists every item: the Pulumi plugin's Invoke,
 * Create and Read, and the Terraform provider's ReadDataSource. Each call runs in a fresh provider process
 * (probes/server-memory-growth.ts, which measures itself as memory-growth.ts measures the client); this process is
 * the caller, with a gRPC client that keeps the answer as bytes and counts its verifications, so that decoding the
 * answer is not counted (nor, at 1,000,000 items, held in a tree of message objects here).
 */
import { ChildProcess, spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { connect as http2Connect, ClientHttp2Session, constants as http2Constants } from "node:http2";
import { performance } from "node:perf_hooks";
import { createInterface, Interface } from "node:readline";
import { connect as tlsConnect } from "node:tls";
import { join } from "node:path";
import type { EmulatorProcess } from "./emulator-process";
import { DIST, NODE, PROBES, REPO_ROOT, TERRAFORM_CERTIFICATE } from "./paths";

/** The calls measured. */
export const SERVER_CALLS = ["pluginInvoke", "pluginCreate", "pluginRead", "pluginCreateAfterCheck", "pluginReadOfState", "terraformRead"] as const;
/** A call measured. */
export type ServerCall = (typeof SERVER_CALLS)[number];

/** What the probe reports (bytes). */
export interface ServerMemoryProbe {
    rssPeakSource: "maxRSS" | "sampled";
    rssPeakGrowth: number;
    heapPeakGrowth: number;
    heapRetained: number;
    /** From the call's request to its whole answer, ms (measured here). */
    callMs: number;
    /** Verifications in the answer (checked against the emulator's). */
    items: number;
    /** Bytes of the answer's message. */
    answerBytes: number;
}

/** go-plugin's magic cookie for Terraform providers (provider/terraform/handshake.ts). */
const MAGIC_COOKIE = { TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" };
const PACKAGE_NAME = "alicloud-message-contacts";
const RESOURCE_URN = `urn:pulumi:bench::bench::${PACKAGE_NAME}:index:MessageContactVerifications::pending`;

/** A probe process: its stdout lines in order, and a way to send it a line. */
class ProbeProcess {
    private readonly lines: Interface;
    private readonly waiting: ((line: string) => void)[] = [];
    private readonly queued: string[] = [];
    private stderr = "";
    private exited?: string;

    constructor(readonly child: ChildProcess) {
        this.lines = createInterface({ input: child.stdout! });
        this.lines.on("line", (line) => {
            const next = this.waiting.shift();
            if (next) next(line);
            else this.queued.push(line);
        });
        child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
        child.on("exit", (code) => {
            this.exited = `the probe exited (${String(code)}): ${this.stderr.slice(-2000)}`;
            for (const waiter of this.waiting.splice(0)) waiter("");
        });
    }

    /** The next stdout line. */
    next(): Promise<string> {
        const line = this.queued.shift();
        if (line !== undefined) return Promise.resolve(line);
        if (this.exited) return Promise.reject(new Error(this.exited));
        return new Promise((resolve, reject) => this.waiting.push((got) => (this.exited && got === "" ? reject(new Error(this.exited)) : resolve(got))));
    }

    send(line: string): void {
        this.child.stdin?.write(`${line}\n`);
    }

    kill(): void {
        this.lines.close();
        if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    }
}

/** A length-delimited or varint field read from protobuf bytes. */
interface WireField {
    field: number;
    bytes?: Uint8Array;
}

/** The fields of a message, top level only (enough to count an answer's verifications; not a general decoder). */
function* wireFields(bytes: Uint8Array): Generator<WireField> {
    let at = 0;
    const varint = (): number => {
        let value = 0;
        for (let scale = 1; ; scale *= 128) {
            const byte = bytes[at++] as number;
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) return value;
        }
    };
    while (at < bytes.length) {
        const tag = varint();
        const wireType = tag & 7;
        const field = Math.floor(tag / 8);
        if (wireType === 0) varint();
        else if (wireType === 1) at += 8;
        else if (wireType === 5) at += 4;
        else if (wireType === 2) {
            const length = varint();
            yield { field, bytes: bytes.subarray(at, at + length) };
            at += length;
            continue;
        } else throw new Error(`wire type ${wireType} in an answer`);
        yield { field };
    }
}

function fieldOf(bytes: Uint8Array, number: number): Uint8Array | undefined {
    for (const f of wireFields(bytes)) if (f.field === number) return f.bytes;
    return undefined;
}

/** The length of the list at `key` of a protobuf `Struct`, or undefined. */
function structListLength(struct: Uint8Array, key: string): number | undefined {
    for (const entry of wireFields(struct)) {
        if (entry.field !== 1 || !entry.bytes) continue;
        const name = fieldOf(entry.bytes, 1);
        if (!name || Buffer.from(name).toString("utf8") !== key) continue;
        const list = fieldOf(fieldOf(entry.bytes, 2) ?? new Uint8Array(), 6);
        if (!list) return undefined;
        let count = 0;
        for (const value of wireFields(list)) if (value.field === 1) count++;
        return count;
    }
    return undefined;
}

/**
 * A Struct's bytes in an order the engine's Go marshaller may write them: each Struct's entries, at every depth,
 * reversed. Go writes a map's entries in any order; the plugin and google-protobuf write them sorted, and the
 * plugin sends a state's inputs back as their bytes only once sorted. So a refresh is measured as the engine
 * sends it, not in the order the plugin wrote.
 */
function inEngineOrder(struct: Uint8Array): Buffer {
    const entries: Buffer[] = [];
    for (const entry of wireFields(struct)) {
        if (entry.field !== 1 || !entry.bytes) continue;
        const value = fieldOf(entry.bytes, 2) ?? new Uint8Array();
        entries.push(
            message([
                [1, fieldOf(entry.bytes, 1) ?? new Uint8Array()],
                [2, valueInEngineOrder(value)],
            ]),
        );
    }
    return message(entries.reverse().map((entry): [number, Buffer] => [1, entry]));
}

/** A Value's bytes with the Structs within in {@link inEngineOrder}'s order. */
function valueInEngineOrder(value: Uint8Array): Buffer {
    const [only] = wireFields(value);
    if (only?.field === 5 && only.bytes) return message([[5, inEngineOrder(only.bytes)]]);
    if (only?.field === 6 && only.bytes) {
        const items: [number, Buffer][] = [];
        for (const item of wireFields(only.bytes)) if (item.bytes) items.push([1, valueInEngineOrder(item.bytes)]);
        return message([[6, message(items)]]);
    }
    return Buffer.from(value);
}

/** A protobuf `Struct` from plain values (strings and numbers: all the requests need). */
function structBytes(values: Record<string, string | number>): Buffer {
    const parts: Buffer[] = [];
    const field = (number: number, bytes: Uint8Array) => Buffer.concat([varintBytes(number * 8 + 2), varintBytes(bytes.length), bytes]);
    for (const [key, value] of Object.entries(values)) {
        const encoded =
            typeof value === "string"
                ? field(3, Buffer.from(value, "utf8"))
                : Buffer.concat([varintBytes(2 * 8 + 1), Buffer.from(new Float64Array([value]).buffer)]);
        parts.push(field(1, Buffer.concat([field(1, Buffer.from(key, "utf8")), field(2, encoded)])));
    }
    return Buffer.concat(parts);
}

function varintBytes(value: number): Buffer {
    const out: number[] = [];
    let v = value;
    while (v >= 0x80) {
        out.push((v % 128) | 0x80);
        v = Math.floor(v / 128);
    }
    out.push(v);
    return Buffer.from(out);
}

/** A protobuf message of length-delimited fields (strings and embedded messages), in the order given. */
function message(fields: [number, Uint8Array | string][]): Buffer {
    return Buffer.concat(
        fields.map(([number, value]) => {
            const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
            return Buffer.concat([varintBytes(number * 8 + 2), varintBytes(bytes.length), bytes]);
        }),
    );
}

/** One unary gRPC call over an HTTP/2 session: the answer's message bytes, or an error with its status. */
function unary(session: ClientHttp2Session, path: string, request: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const stream = session.request({
            [http2Constants.HTTP2_HEADER_METHOD]: "POST",
            [http2Constants.HTTP2_HEADER_PATH]: path,
            "content-type": "application/grpc",
            te: "trailers",
        });
        const chunks: Buffer[] = [];
        let status: string | undefined;
        let detail = "";
        stream.on("response", (headers) => {
            if (headers["grpc-status"] !== undefined) status = String(headers["grpc-status"]);
        });
        stream.on("trailers", (trailers) => {
            status = String(trailers["grpc-status"]);
            detail = String(trailers["grpc-message"] ?? "");
        });
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", reject);
        stream.on("end", () => {
            if (status !== "0") return reject(new Error(`${path}: gRPC status ${String(status)} ${decodeURIComponent(detail)}`));
            const body = Buffer.concat(chunks);
            const length = body.readUInt32BE(1);
            resolve(body.subarray(5, 5 + length));
        });
        const frame = Buffer.alloc(5);
        frame.writeUInt32BE(request.length, 1);
        stream.end(Buffer.concat([frame, request]));
    });
}

/** The probe's report, once the call is done. */
async function report(probe: ProbeProcess): Promise<Omit<ServerMemoryProbe, "callMs" | "items" | "answerBytes">> {
    probe.send("report");
    return JSON.parse(await probe.next()) as Omit<ServerMemoryProbe, "callMs" | "items" | "answerBytes">;
}

async function baseline(probe: ProbeProcess): Promise<void> {
    probe.send("baseline");
    const ready = JSON.parse(await probe.next()) as { ready?: boolean };
    if (!ready.ready) throw new Error("the probe did not take its baseline");
}

function startProbe(surface: "plugin" | "terraform", env: NodeJS.ProcessEnv): ProbeProcess {
    const child = spawn(NODE, ["--expose-gc", join(PROBES, "server-memory-growth.js"), surface], {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_OPTIONS: "", ...env },
        stdio: ["pipe", "pipe", "pipe"],
    });
    return new ProbeProcess(child);
}

/** The plugin's call, in a fresh plugin process: Configure with the emulator's keys, then the call. */
async function pluginCall(call: Exclude<ServerCall, "terraformRead">, emulator: EmulatorProcess, extra: Record<string, number>): Promise<ServerMemoryProbe> {
    const probe = startProbe("plugin", {});
    let session: ClientHttp2Session | undefined;
    try {
        const { port } = JSON.parse(await probe.next()) as { port: number };
        session = http2Connect(`http://127.0.0.1:${port}`);
        const rpc = (method: string, request: Uint8Array) => unary(session as ClientHttp2Session, `/pulumirpc.ResourceProvider/${method}`, request);
        // ConfigureRequest: args (field 2) with the keys; acceptSecrets (3) left false: no secret goes either way.
        await rpc("Configure", message([[2, structBytes({ accessKey: emulator.accessKeyId, secretKey: emulator.accessKeySecret })]]));
        const args = structBytes({ endpoint: emulator.url, ...extra });
        let checked: Uint8Array | undefined;
        let created: Uint8Array | undefined;
        if (call === "pluginCreateAfterCheck" || call === "pluginReadOfState") {
            checked = fieldOf(
                await rpc(
                    "Check",
                    message([
                        [1, RESOURCE_URN],
                        [2, structBytes({})],
                        [3, args],
                    ]),
                ),
                1,
            );
            if (!checked) throw new Error("Check answered no inputs");
            if (call === "pluginReadOfState")
                created = fieldOf(
                    await rpc(
                        "Create",
                        message([
                            [1, RESOURCE_URN],
                            [2, checked],
                        ]),
                    ),
                    2,
                );
        }
        // The state and inputs as the engine sends them back (before the baseline: the bench's own work).
        if (call === "pluginReadOfState" && created && checked) [created, checked] = [inEngineOrder(created), inEngineOrder(checked)];
        await baseline(probe);
        const started = performance.now();
        let answer: Buffer;
        let struct: Uint8Array | undefined;
        if (call === "pluginCreateAfterCheck") {
            answer = await rpc(
                "Create",
                message([
                    [1, RESOURCE_URN],
                    [2, checked as Uint8Array],
                ]),
            );
            struct = fieldOf(answer, 2);
        } else if (call === "pluginReadOfState") {
            answer = await rpc(
                "Read",
                message([
                    [1, "bench-id"],
                    [2, RESOURCE_URN],
                    [3, created as Uint8Array],
                    [4, checked as Uint8Array],
                ]),
            );
            struct = fieldOf(answer, 2);
        } else if (call === "pluginInvoke") {
            answer = await rpc(
                "Invoke",
                message([
                    [1, `${PACKAGE_NAME}:index:getMessageContactVerifications`],
                    [2, args],
                ]),
            );
            struct = fieldOf(answer, 1);
        } else if (call === "pluginCreate") {
            answer = await rpc(
                "Create",
                message([
                    [1, RESOURCE_URN],
                    [2, args],
                ]),
            );
            struct = fieldOf(answer, 2);
        } else {
            answer = await rpc(
                "Read",
                message([
                    [1, "bench-id"],
                    [2, RESOURCE_URN],
                    [3, args],
                ]),
            );
            struct = fieldOf(answer, 2);
        }
        const callMs = performance.now() - started;
        const measured = await report(probe);
        const items = struct ? (structListLength(struct, "verifications") ?? -1) : -1;
        return { ...measured, callMs, items, answerBytes: answer.length };
    } finally {
        session?.destroy();
        probe.kill();
    }
}

/** A cty object of every attribute and block of a schema block null, then `set`. */
function nullConfig(block: { attributes?: { name: string }[]; blockTypes?: { typeName: string }[] }, set: Record<string, unknown>): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    for (const attribute of block.attributes ?? []) value[attribute.name] = null;
    for (const nested of block.blockTypes ?? []) value[nested.typeName] = null;
    return { ...value, ...set };
}

/** The Terraform provider's ReadDataSource, in a fresh provider process with AutoMTLS, as a CLI starts it. */
async function terraformCall(emulator: EmulatorProcess, extra: Record<string, number>): Promise<ServerMemoryProbe> {
    const { selfSignedCertificate } = require(TERRAFORM_CERTIFICATE) as { selfSignedCertificate: () => { keyPem: string; certPem: string } };
    const schemas = require(join(DIST, "provider", "terraform", "provider-schema.js")) as {
        providerSchema(): { block: Parameters<typeof nullConfig>[0] };
        dataSourceSchema(): { block: Parameters<typeof nullConfig>[0] };
    };
    const msgpack = require("@msgpack/msgpack") as typeof import("@msgpack/msgpack");
    const client = selfSignedCertificate();
    const probe = startProbe("terraform", { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: client.certPem });
    let session: ClientHttp2Session | undefined;
    try {
        const fields = (await probe.next()).split("|");
        const socket = fields[3] ?? "";
        const serverCert = new X509Certificate(Buffer.from(fields[5] ?? "", "base64")).toString();
        session = http2Connect("https://localhost", {
            createConnection: () =>
                tlsConnect({ path: socket, ca: serverCert, key: client.keyPem, cert: client.certPem, servername: "localhost", ALPNProtocols: ["h2"] }),
        });
        const rpc = (method: string, request: Uint8Array) => unary(session as ClientHttp2Session, `/tfplugin6.Provider/${method}`, request);
        const providerConfig = nullConfig(schemas.providerSchema().block, {
            endpoint: emulator.url,
            access_key: emulator.accessKeyId,
            secret_key: emulator.accessKeySecret,
        });
        // ConfigureProviderRequest: terraform_version (1), config (2: DynamicValue, msgpack 1).
        await rpc(
            "ConfigureProvider",
            message([
                [1, "1.9.0"],
                [2, message([[1, msgpack.encode(providerConfig)]])],
            ]),
        );
        await baseline(probe);
        const snake = Object.fromEntries(Object.entries(extra).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]));
        const config = nullConfig(schemas.dataSourceSchema().block, snake);
        const started = performance.now();
        // ReadDataSourceRequest: type_name (1), config (2).
        const answer = await rpc(
            "ReadDataSource",
            message([
                [1, "alicloudmessagecontacts_verifications"],
                [2, message([[1, msgpack.encode(config)]])],
            ]),
        );
        const callMs = performance.now() - started;
        const measured = await report(probe);
        const state = fieldOf(fieldOf(answer, 1) ?? new Uint8Array(), 1);
        const decoded = state ? (msgpack.decode(state) as { verifications?: unknown[] }) : undefined;
        if (!state)
            throw new Error(
                `ReadDataSource answered no state: ${Buffer.from(fieldOf(answer, 2) ?? new Uint8Array())
                    .toString("latin1")
                    .slice(0, 500)}`,
            );
        return { ...measured, callMs, items: decoded?.verifications?.length ?? -1, answerBytes: answer.length };
    } finally {
        session?.destroy();
        probe.kill();
    }
}

/**
 * One call in a fresh provider process, listing every verification of `emulator`; `extra` are arguments added to
 * the call's (the limits raised for a large listing). Throws when the answer lacks a verification.
 */
export async function measureServerCall(call: ServerCall, emulator: EmulatorProcess, extra: Record<string, number> = {}): Promise<ServerMemoryProbe> {
    const result = call === "terraformRead" ? await terraformCall(emulator, extra) : await pluginCall(call, emulator, extra);
    if (result.items !== emulator.items) throw new Error(`${call} answered ${result.items} verifications, the emulator holds ${emulator.items}`);
    return result;
}
