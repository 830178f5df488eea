import type { ChildProcess } from "node:child_process";
import type * as GrpcModule from "@grpc/grpc-js";

/** A generated unary method of a gRPC client, as `@grpc/grpc-js` declares it. */
export type Unary<Req, Res> = (
    request: Req,
    metadata: GrpcModule.Metadata,
    options: Partial<GrpcModule.CallOptions>,
    callback: (error: GrpcModule.ServiceError | null, response: Res) => void,
) => { cancel(): void };

/** One RPC started: its answer, and `cancel` to cancel it as a client does (the server sees its call cancelled). */
export interface StartedRpc<Res> {
    response: Promise<Res>;
    cancel(): void;
}

/** An RPC to a plugin failed: the RPC, the gRPC status and its details (with the plugin's stderr if it died). */
export class PluginRpcError extends Error {
    constructor(
        readonly rpc: string,
        readonly code: number,
        readonly codeName: string,
        readonly details: string,
    ) {
        super(`${rpc} failed with gRPC ${codeName}: ${details}`);
        this.name = new.target.name;
    }
}

/** What a plugin client needs of a generated `@grpc/grpc-js` client. */
interface PluginClient {
    waitForReady(deadline: Date, callback: (error?: Error) => void): void;
    close(): void;
}

/** How a {@link GrpcPlugin} was started. */
export interface GrpcPluginStart<Client> {
    child: ChildProcess;
    /** The port the plugin listens on (127.0.0.1). */
    port: number;
    /** "the host", "the analyzer": for messages. */
    what: string;
    /** What the child printed after its port line, and on stderr, before this object took over. */
    stdoutRest: string;
    stderrSoFar: string;
    grpc: typeof GrpcModule;
    client: Client;
    rpcTimeoutMs: number;
    /** Turns a failed RPC into the harness's error class. */
    rpcError: (rpc: string, code: number, codeName: string, details: string) => PluginRpcError;
    /** Cleanup after the process is gone (a temporary HOME, say); also run if the test process exits first. */
    cleanup?: () => void;
}

/**
 * A Pulumi plugin child process (the dynamic-provider host, a policy pack's analyzer) and a gRPC client
 * connected to it, the way the engine holds one: output captured, exit watched, killed if the test process
 * exits first, RPCs with a deadline, and a close that stops it (SIGTERM, then SIGKILL after 5 s).
 */
export class GrpcPlugin<Client extends PluginClient> {
    protected readonly client: Client;
    protected readonly child: ChildProcess;
    /** The port the plugin listens on (127.0.0.1). */
    readonly port: number;
    private stdoutText: string;
    private stderrText: string;
    private exitStatus: string | undefined;
    private closed: Promise<void> | undefined;
    private readonly exited: Promise<void>;
    private readonly start: GrpcPluginStart<Client>;
    private readonly killOnExit = () => {
        this.child.kill("SIGKILL");
        this.start.cleanup?.();
    };

    constructor(start: GrpcPluginStart<Client>) {
        this.start = start;
        this.child = start.child;
        this.port = start.port;
        this.client = start.client;
        this.stdoutText = start.stdoutRest;
        this.stderrText = start.stderrSoFar;
        const child = start.child;
        child.stdout?.on("data", (chunk: Buffer) => (this.stdoutText += chunk.toString("utf8")));
        child.stderr?.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString("utf8")));
        this.exited = new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) {
                this.exitStatus = `code ${child.exitCode ?? child.signalCode}`;
                resolve();
                return;
            }
            child.once("exit", (code, signal) => {
                this.exitStatus = signal ? `signal ${signal}` : `code ${code}`;
                resolve();
            });
        });
        process.on("exit", this.killOnExit);
    }

    /** The plugin's process id. */
    get pid(): number | undefined {
        return this.child.pid;
    }

    /** Whether the plugin's process has exited, and how. */
    get exit(): string | undefined {
        return this.exitStatus;
    }

    /** Everything the plugin wrote to stderr so far. */
    get stderr(): string {
        return this.stderrText;
    }

    /** Everything the plugin wrote to stdout after its port line. */
    get stdout(): string {
        return this.stdoutText;
    }

    /** Resolves when the client's channel is connected. */
    waitForReady(timeoutMs: number): Promise<void> {
        return new Promise((resolve, reject) => {
            this.client.waitForReady(new Date(Date.now() + timeoutMs), (error) => (error ? reject(error) : resolve()));
        });
    }

    /** Calls one unary RPC with the plugin's deadline; a failure names the RPC and, if it died, its stderr. */
    protected unary<Req, Res>(rpc: string, method: Unary<Req, Res>, request: Req): Promise<Res> {
        return this.startUnary(rpc, method, request).response;
    }

    /** Starts one unary RPC with a deadline `deadlineMs` from now (default the plugin's), which the caller may cancel. */
    protected startUnary<Req, Res>(rpc: string, method: Unary<Req, Res>, request: Req, deadlineMs = this.start.rpcTimeoutMs): StartedRpc<Res> {
        const { grpc } = this.start;
        let call: { cancel(): void } | undefined;
        const response = new Promise<Res>((resolve, reject) => {
            const deadline = new Date(Date.now() + deadlineMs);
            call = method.call(this.client, request, new grpc.Metadata(), { deadline }, (error, response) => {
                if (!error) {
                    resolve(response);
                    return;
                }
                const codeName = grpc.status[error.code] ?? String(error.code);
                let details = error.details || error.message;
                if (this.exitStatus !== undefined) {
                    details += ` (${this.start.what} exited with ${this.exitStatus}; its stderr: ${this.stderrText.slice(-2000)})`;
                }
                reject(this.start.rpcError(rpc, error.code, codeName, details));
            });
        });
        return { response, cancel: () => call?.cancel() };
    }

    /** Closes the client and stops the plugin (SIGTERM, then SIGKILL after 5 s). Idempotent. */
    close(): Promise<void> {
        this.closed ??= (async () => {
            this.client.close();
            if (this.exitStatus === undefined && this.child.exitCode === null && this.child.signalCode === null) {
                this.child.kill("SIGTERM");
                const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
                await this.exited;
                clearTimeout(timer);
            }
            process.removeListener("exit", this.killOnExit);
            this.start.cleanup?.();
        })();
        return this.closed;
    }
}
