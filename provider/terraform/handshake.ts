/**
 * hashicorp/go-plugin's handshake, as Terraform and OpenTofu run a provider: the magic cookie that says a CLI
 * started the process, the protocol version chosen from those the CLI offers, where to listen, and the one line
 * printed on stdout that tells the CLI where to connect and which certificate to trust. Pure: the process and the
 * server are `main.ts`'s.
 */
/** The provider's executable, as the CLI finds it (`terraform-provider-<type>`). */
export const EXECUTABLE_NAME = "terraform-provider-alicloudmessagecontacts";

/** The variable every Terraform and OpenTofu provider is started with... */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
/** ...and its value. */
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/** The other variables go-plugin's client sets for the plugin it starts, by what each says. */
export const GO_PLUGIN_ENV = {
    /** The plugin protocol versions the CLI speaks, comma-separated. */
    protocolVersions: "PLUGIN_PROTOCOL_VERSIONS",
    /** AutoMTLS: the CLI's client certificate (PEM); TLS is then mandatory, and only that certificate is accepted. */
    clientCert: "PLUGIN_CLIENT_CERT",
    /** The lowest and highest loopback port the plugin may listen on (TCP: Windows). */
    minPort: "PLUGIN_MIN_PORT",
    maxPort: "PLUGIN_MAX_PORT",
    /** The folder for the plugin's Unix socket. */
    unixSocketDir: "PLUGIN_UNIX_SOCKET_DIR",
} as const;

/** go-plugin's own protocol version, the handshake line's first field. */
export const CORE_PROTOCOL_VERSION = 1;

/** The one plugin protocol this provider speaks: tfplugin6. */
export const PROTOCOL_VERSION = 6;

type Env = Readonly<Record<string, string | undefined>>;

/** Why the provider will not start, for stderr and exit code 1. */
export class HandshakeRefusal extends Error {
    constructor(message: string) {
        super(message);
        this.name = new.target.name;
    }
}

/** Refuses to run unless started by a CLI (the magic cookie is set, with its value). */
export function checkMagicCookie(env: Env): void {
    const value = env[MAGIC_COOKIE_KEY];
    if (value === MAGIC_COOKIE_VALUE) return;
    throw new HandshakeRefusal(
        `${EXECUTABLE_NAME} is a Terraform/OpenTofu provider plugin, not a command to run by hand: ` +
            `terraform or tofu starts it when a configuration uses the alicloudmessagecontacts provider ` +
            `(${MAGIC_COOKIE_KEY} is ${value === undefined ? "not set" : "not the value those CLIs set"}).`,
    );
}

/** Protocol 6 when the CLI offers it in `PLUGIN_PROTOCOL_VERSIONS` (or offers no list); else a refusal naming both. */
export function negotiateProtocol(env: Env): number {
    const offered = env[GO_PLUGIN_ENV.protocolVersions];
    if (offered === undefined || offered.trim() === "") return PROTOCOL_VERSION;
    const versions = offered.split(",").map((v) => Number(v.trim()));
    if (versions.includes(PROTOCOL_VERSION)) return PROTOCOL_VERSION;
    throw new HandshakeRefusal(
        `${EXECUTABLE_NAME} speaks plugin protocol ${PROTOCOL_VERSION} only, and this CLI offers ${offered} ` +
            `(${GO_PLUGIN_ENV.protocolVersions}): use Terraform 1.0 or later, or OpenTofu.`,
    );
}

/**
 * Where the server listens: a Unix socket in a private folder made in `parent`, or a loopback TCP port (Windows).
 */
export type ListenAddress = { network: "unix"; parent: string } | { network: "tcp"; host: string; minPort: number; maxPort: number };

/**
 * The variable that chooses the network on any platform, `tcp` or `unix`: for tests, which run on Linux what
 * go-plugin does on Windows (a loopback TCP port in `PLUGIN_MIN_PORT`..`PLUGIN_MAX_PORT`). No CLI sets it.
 */
export const NETWORK_OVERRIDE_KEY = "ALICLOUDMESSAGECONTACTS_PLUGIN_NETWORK";

/** The network: {@link NETWORK_OVERRIDE_KEY} when set, else TCP on Windows and a Unix socket elsewhere, as go-plugin chooses. */
function networkFor(env: Env, platform: NodeJS.Platform): "unix" | "tcp" {
    const override = env[NETWORK_OVERRIDE_KEY];
    if (override === undefined || override === "") return platform === "win32" ? "tcp" : "unix";
    if (override === "tcp" || override === "unix") return override;
    throw new HandshakeRefusal(`${NETWORK_OVERRIDE_KEY} must be "tcp" or "unix"; got ${JSON.stringify(override.slice(0, 40))}`);
}

/**
 * A Unix socket in a folder of its own in `PLUGIN_UNIX_SOCKET_DIR` (else `tmpDir`), or, on Windows (or with
 * {@link NETWORK_OVERRIDE_KEY} `tcp`), a loopback port in `PLUGIN_MIN_PORT`..`PLUGIN_MAX_PORT` (0..0: any free port).
 */
export function listenAddress(env: Env, platform: NodeJS.Platform, tmpDir: string): ListenAddress {
    if (networkFor(env, platform) === "tcp") {
        const min = Number(env[GO_PLUGIN_ENV.minPort] ?? 0);
        const max = Number(env[GO_PLUGIN_ENV.maxPort] ?? 0);
        return { network: "tcp", host: "127.0.0.1", minPort: Number.isInteger(min) ? min : 0, maxPort: Number.isInteger(max) ? max : 0 };
    }
    return { network: "unix", parent: env[GO_PLUGIN_ENV.unixSocketDir] || tmpDir };
}

/** The prefix of the socket's private folder (`mkdtemp` adds six characters). */
export const SOCKET_DIR_PREFIX = "tfplugin-amc-";

/**
 * The socket's name in its folder. Short, with the prefix: a socket's path has at most 104 bytes on macOS, whose
 * temporary folder is long.
 */
export const SOCKET_NAME = "plugin.sock";

/**
 * The handshake line: `1|6|unix|/tmp/x.sock|grpc|<certificate>`, the certificate's DER in base64 without padding
 * (Go's RawStdEncoding), or empty without AutoMTLS.
 */
export function handshakeLine(protocol: number, network: "unix" | "tcp", address: string, certDer?: Buffer): string {
    const cert = certDer ? certDer.toString("base64").replace(/=+$/, "") : "";
    return `${CORE_PROTOCOL_VERSION}|${protocol}|${network}|${address}|grpc|${cert}\n`;
}
