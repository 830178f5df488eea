/**
 * Drives the packed Terraform provider, `terraform-provider-alicloudmessagecontacts`, the way Terraform and
 * OpenTofu do through hashicorp/go-plugin: started from a consumer project's `node_modules/.bin` with the magic
 * cookie, the protocol versions and (AutoMTLS) a client certificate in its environment; its handshake line read
 * from stdout; a gRPC client over the Unix socket, with TLS trusting only the certificate of the line's sixth
 * field and presenting the client certificate. Messages are encoded and decoded by protobufjs over the upstream
 * `tfplugin6.proto` (not the provider's own descriptor and codec), values by a cty msgpack codec of the test's own.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as msgpack from "@msgpack/msgpack";
import { SOCKET_DIR_PREFIX } from "../../provider/terraform/handshake";
import { hermeticEnv } from "./hermetic-env";
import { upstreamType } from "./upstream-tfplugin6-values";

/** The executable, as the CLI finds it. */
export const TERRAFORM_PROVIDER_EXECUTABLE = "terraform-provider-alicloudmessagecontacts";
/** go-plugin's magic cookie for Terraform providers. */
export const MAGIC_COOKIE = { TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" };

/** A key and certificate in PEM. */
export interface PemPair {
    key: string;
    cert: string;
}

/**
 * A client certificate like go-plugin's: ECDSA P-256, self-signed, a CA, for localhost, client and server auth.
 * Made with the `openssl` command line, a new one per call.
 */
export function clientCertificate(): PemPair {
    const dir = mkdtempSync(join(tmpdir(), "tf-client-cert-"));
    try {
        execFileSync(
            "openssl",
            [
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/O=test client/CN=localhost",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign",
                "-addext",
                "extendedKeyUsage=clientAuth,serverAuth",
                "-addext",
                "subjectAltName=DNS:localhost",
                "-keyout",
                join(dir, "key.pem"),
                "-out",
                join(dir, "cert.pem"),
            ],
            { stdio: "pipe", timeout: 30_000 },
        );
        return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The handshake line's fields. */
export interface Handshake {
    line: string;
    coreVersion: string;
    protocolVersion: string;
    network: string;
    address: string;
    protocol: string;
    /** The sixth field: the server certificate's DER in base64 without padding, or empty. */
    cert: string;
}

/** Parses `1|6|unix|/tmp/x|grpc|<cert>`. */
export function parseHandshake(line: string): Handshake {
    const [coreVersion = "", protocolVersion = "", network = "", address = "", protocol = "", cert = ""] = line.split("|");
    return { line, coreVersion, protocolVersion, network, address, protocol, cert };
}

/** The server certificate of a handshake as PEM (base64 padded again). */
export function serverCertPem(handshake: Handshake): string {
    const der = Buffer.from(handshake.cert, "base64");
    return new X509Certificate(der).toString();
}

/** The provider process, its output so far, and how it ended. */
export interface ProviderProcess {
    child: ChildProcess;
    stdout(): string;
    stderr(): string;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The providers started and still running, killed if the test process exits first. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
});

/**
/**
 * How to start the provider when not from a consumer project's `node_modules/.bin`: the command and its first
 * arguments (a release executable, or `qemu-aarch64-static <executable>`) and the folder it runs in.
 */
export interface ProviderCommand {
    command: readonly string[];
    cwd: string;
}

/**
 * Spawns the provider from `projectDir` (or as `launch` says) with the hermetic environment, an empty HOME and
 * `env` on top; its stdin on /dev/null, or a pipe the test may end; with `umask` (octal text, such as "000"),
 * through `sh` setting it.
 */
export function spawnProvider(
    projectDir: string,
    env: Record<string, string | undefined>,
    stdin: "ignore" | "pipe" = "ignore",
    launch?: ProviderCommand,
    umask?: string,
): ProviderProcess {
    if (umask !== undefined && !/^[0-7]{3,4}$/.test(umask)) throw new Error(`umask must be octal digits, got ${umask}`);
    const home = mkdtempSync(join(tmpdir(), "tf-provider-home-"));
    const [executable, ...launchArgs] = launch?.command ?? [join(projectDir, "node_modules", ".bin", TERRAFORM_PROVIDER_EXECUTABLE)];
    const [command, args] =
        umask === undefined ? [executable as string, launchArgs] : ["/bin/sh", ["-c", `umask ${umask} && exec "$0" "$@"`, executable as string, ...launchArgs]];
    const child = spawn(command, args, {
        cwd: launch?.cwd ?? projectDir,
        env: hermeticEnv({ NODE_OPTIONS: undefined, HOME: home, USERPROFILE: home, ...env }),
        stdio: [stdin, "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once("exit", (code, signal) => {
            rmSync(home, { recursive: true, force: true });
            resolve({ code, signal });
        }),
    );
    running.add(child);
    child.once("exit", () => running.delete(child));
    return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits for the first stdout line; rejects with the output when the process exits first or takes too long. */
export async function handshakeOf(provider: ProviderProcess, timeoutMs = 30_000): Promise<Handshake> {
    const started = Date.now();
    let exited = false;
    void provider.exited.then(() => (exited = true));
    while (!provider.stdout().includes("\n")) {
        if (exited || Date.now() - started > timeoutMs)
            throw new Error(`no handshake line (${exited ? "exited" : "timed out"}): stdout ${provider.stdout()} stderr ${provider.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return parseHandshake(provider.stdout().split("\n")[0] ?? "");
}

/** The gRPC target of a handshake's address: `unix:/tmp/x.sock`, or `127.0.0.1:PORT` for `tcp`. */
export function grpcTarget(handshake: Handshake): string {
    if (handshake.network === "unix") return `unix:${handshake.address}`;
    if (handshake.network === "tcp") return handshake.address;
    throw new Error(`handshake network ${JSON.stringify(handshake.network)}: expected unix or tcp (${handshake.line})`);
}

/** The upstream `tfplugin6` message's encoder (`ReadDataSource.Request`). */
function encoder(name: string) {
    const type = upstreamType(name);
    return (value: object) => Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
}
/** The upstream `tfplugin6` message's decoder, with defaults as a Go client sees them. */
function decoder(name: string) {
    const type = upstreamType(name);
    return (bytes: Buffer) => type.toObject(type.decode(bytes), { enums: String, longs: Number, defaults: true }) as Record<string, unknown>;
}

/** A value not known until apply, as the test encodes it. */
export const UNKNOWN_VALUE = Symbol("unknown");

/** The test's own cty msgpack codec: unknown is the extension type 0 (`d4 00 00`), as cty writes it. */
const extensions = new msgpack.ExtensionCodec();
extensions.register({ type: 0, encode: (value) => (value === UNKNOWN_VALUE ? new Uint8Array([0]) : null), decode: () => UNKNOWN_VALUE });

/**
 * A refined unknown (cty's extension type 12, which OpenTofu and Terraform 1.6+ send for an unknown value of which
 * something is known): here, "not null".
 */
export const REFINED_UNKNOWN_VALUE = new msgpack.ExtData(12, new Uint8Array([0x81, 0x01, 0xc2]));

/** Encodes a cty value. */
export const ctyEncode = (value: unknown): Uint8Array => msgpack.encode(value, { extensionCodec: extensions });
/** Decodes a cty value. */
export const ctyDecode = (bytes: Uint8Array): unknown => msgpack.decode(bytes, { extensionCodec: extensions });

/** A diagnostic as the client sees it. */
export interface TestDiagnostic {
    severity: string;
    summary: string;
    detail: string;
    path: string[];
}

function diagnosticsOf(answer: Record<string, unknown>): TestDiagnostic[] {
    return ((answer.diagnostics ?? []) as Record<string, unknown>[]).map((d) => ({
        severity: String(d.severity),
        summary: String(d.summary),
        detail: String(d.detail),
        path: (((d.attribute as { steps?: Record<string, unknown>[] } | null)?.steps ?? []) as Record<string, unknown>[]).map((s) =>
            String(s.attributeName ?? s.elementKeyString ?? s.elementKeyInt),
        ),
    }));
}

/** Every attribute of the provider block, null unless given. */
export const PROVIDER_ATTRIBUTES = [
    "endpoint",
    "endpoint_type",
    "region",
    "concurrency",
    "max_attempts",
    "consistency",
    "timeout_ms",
    "access_key",
    "secret_key",
    "security_token",
    "profile",
    "assume_role",
    "endpoints",
];

/** Every attribute of the data source, null unless given. */
export const DATA_SOURCE_ATTRIBUTES = [
    "contact_id",
    "page_size",
    "concurrency",
    "max_attempts",
    "max_listings",
    "consistency",
    "request_timeout_ms",
    "max_response_bytes",
    "max_listing_bytes",
    "output_file",
    "id",
    "total_count",
    "verifications",
    "targets",
    "timeouts",
];

/** An object value with every attribute present, as Terraform sends it. */
export function objectValue(attributes: readonly string[], given: Record<string, unknown>): Record<string, unknown> {
    return { ...Object.fromEntries(attributes.map((name) => [name, null])), ...given };
}

/** A connected client. */
export class TerraformProviderClient {
    readonly client: grpc.Client;
    constructor(
        readonly provider: ProviderProcess,
        readonly handshake: Handshake,
        credentials: grpc.ChannelCredentials,
    ) {
        this.client = new grpc.Client(grpcTarget(handshake), credentials, {
            "grpc.ssl_target_name_override": "localhost",
            "grpc.default_authority": "localhost",
        });
    }

    /** A raw unary call with byte messages, for the go-plugin services. */
    rawCall(path: string, request: Buffer = Buffer.alloc(0), deadlineMs = 10_000): Promise<Buffer> {
        return new Promise((resolve, reject) =>
            this.client.makeUnaryRequest(
                path,
                (value: Buffer) => value,
                (bytes: Buffer) => bytes,
                request,
                { deadline: Date.now() + deadlineMs },
                (error, answer) => (error ? reject(error) : resolve(answer ?? Buffer.alloc(0))),
            ),
        );
    }

    /** A `tfplugin6.Provider` call: request and answer as plain objects. */
    call(rpc: string, request: object = {}, deadlineMs = 30_000): Promise<Record<string, unknown>> {
        return new Promise((resolve, reject) =>
            this.client.makeUnaryRequest(
                `/tfplugin6.Provider/${rpc}`,
                encoder(`${rpc}.Request`),
                decoder(`${rpc}.Response`),
                request,
                { deadline: Date.now() + deadlineMs },
                (error, answer) => (error ? reject(error) : resolve(answer ?? {})),
            ),
        );
    }

    /** GetProviderSchema. */
    schema(): Promise<Record<string, unknown>> {
        return this.call("GetProviderSchema");
    }

    /** ValidateProviderConfig of a provider block (attributes not given are null). */
    async validateProviderConfig(given: Record<string, unknown>): Promise<TestDiagnostic[]> {
        return diagnosticsOf(await this.call("ValidateProviderConfig", { config: { msgpack: ctyEncode(objectValue(PROVIDER_ATTRIBUTES, given)) } }));
    }

    /** ConfigureProvider with a provider block. */
    async configure(given: Record<string, unknown>): Promise<TestDiagnostic[]> {
        const config = { msgpack: ctyEncode(objectValue(PROVIDER_ATTRIBUTES, given)) };
        return diagnosticsOf(await this.call("ConfigureProvider", { terraformVersion: "1.12.6", config, clientCapabilities: { deferralAllowed: false } }));
    }

    /** ValidateDataResourceConfig of the data source. */
    async validateDataSource(given: Record<string, unknown>, typeName = "alicloudmessagecontacts_verifications"): Promise<TestDiagnostic[]> {
        return diagnosticsOf(
            await this.call("ValidateDataResourceConfig", { typeName, config: { msgpack: ctyEncode(objectValue(DATA_SOURCE_ATTRIBUTES, given)) } }),
        );
    }

    /** ReadDataSource: the state (decoded), the deferral's reason and diagnostics. */
    async read(
        given: Record<string, unknown>,
        options: { deferralAllowed?: boolean } = {},
    ): Promise<{ state: Record<string, unknown> | undefined; stateBytes: Buffer | undefined; deferred: string | undefined; diagnostics: TestDiagnostic[] }> {
        const answer = await this.call("ReadDataSource", {
            typeName: "alicloudmessagecontacts_verifications",
            config: { msgpack: ctyEncode(objectValue(DATA_SOURCE_ATTRIBUTES, given)) },
            clientCapabilities: { deferralAllowed: options.deferralAllowed === true },
        });
        const bytes = (answer.state as { msgpack?: Buffer } | null)?.msgpack;
        const stateBytes = bytes && bytes.length > 0 ? Buffer.from(bytes) : undefined;
        return {
            state: stateBytes ? (ctyDecode(stateBytes) as Record<string, unknown>) : undefined,
            stateBytes,
            deferred: (answer.deferred as { reason?: string } | null)?.reason,
            diagnostics: diagnosticsOf(answer),
        };
    }

    /** Waits until the channel is ready. */
    ready(timeoutMs = 10_000): Promise<void> {
        return new Promise((resolve, reject) => this.client.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve())));
    }

    /** Closes the client and ends the process if it still runs (SIGTERM, which removes its socket; SIGKILL after 5 s). */
    async close(): Promise<void> {
        this.client.close();
        if (this.provider.child.exitCode === null && this.provider.child.signalCode === null) {
            this.provider.child.kill("SIGTERM");
            const timer = setTimeout(() => this.provider.child.kill("SIGKILL"), 5_000);
            await this.provider.exited;
            clearTimeout(timer);
        }
        if (this.handshake.network === "unix") {
            // A provider ended by SIGKILL leaves its socket, in a private folder of its own.
            const folder = dirname(this.handshake.address);
            rmSync(basename(folder).startsWith(SOCKET_DIR_PREFIX) ? folder : this.handshake.address, { recursive: true, force: true });
        }
    }
}

/** The client certificate of every start in this process. */
let clientPem: PemPair | undefined;

/** The client certificate every {@link startTerraformProvider} of this process presents (made on first use). */
export function sharedClientCertificate(): PemPair {
    return (clientPem ??= clientCertificate());
}

/**
 * Starts the provider with AutoMTLS (as the CLIs do by default) and connects; `env` adds to its environment;
 * `launch` starts another executable than the consumer project's (see {@link spawnProvider}).
 */
export async function startTerraformProvider(
    projectDir: string,
    env: Record<string, string | undefined> = {},
    launch?: ProviderCommand & { handshakeTimeoutMs?: number },
): Promise<TerraformProviderClient> {
    const pem = sharedClientCertificate();
    const provider = spawnProvider(projectDir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_CLIENT_CERT: pem.cert, ...env }, "ignore", launch);
    const handshake = await handshakeOf(provider, launch?.handshakeTimeoutMs);
    const credentials = grpc.credentials.createSsl(Buffer.from(serverCertPem(handshake)), Buffer.from(pem.key), Buffer.from(pem.cert));
    const client = new TerraformProviderClient(provider, handshake, credentials);
    await client.ready(launch?.handshakeTimeoutMs);
    return client;
}
