/**
 * Preload (`node -r`, through NODE_OPTIONS, which the CLIs pass on to the provider) that records, in each process of
 * the npm package's Terraform provider, when things happened, and writes them at exit as JSON to
 * `$BENCH_TRACE_DIR/<pid>.json`: Node.js's own start-up marks, every module's first load (start, inclusive time,
 * nesting), the handshake line, the HTTP/2 server's preparation, every connection's TLS handshake, every RPC (start,
 * end) and the GC time. Times are epoch milliseconds (`performance.timeOrigin` + `performance.now()`), so that the
 * profiler can place each process on the CLI's timeline. It patches only this process's module loader and the
 * provider's server class; without BENCH_TRACE_DIR it does nothing. bench/profile-plan-starts.ts reads the files.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance, PerformanceObserver } from "node:perf_hooks";

/** One module's first load. */
export interface ModuleLoad {
    /** The resolved file, or `node:<name>` for a built-in. */
    id: string;
    start: number;
    /** Inclusive of what it loaded. */
    ms: number;
    /** How many first loads were in progress around it (0: loaded by the main script's own code). */
    depth: number;
}

/** One RPC, as the provider's server ran it. */
export interface RpcSpan {
    method: string;
    start: number;
    end: number;
    ok: boolean;
}

/** What one provider process recorded. */
export interface StartTrace {
    pid: number;
    /** Epoch ms of the process's time origin (about when it was spawned). */
    origin: number;
    /** Node.js's start-up marks, epoch ms. */
    node: { v8Start: number; environment: number; bootstrapComplete: number };
    /** When the main script began loading (the first module load after this preload). */
    mainStart?: number;
    handshakeLine?: number;
    /** The HTTP/2 server's making (`node:http2`, the stream handler, the TLS context). */
    prepare?: { start: number; end: number };
    /** Per connection: accepted, TLS done (absent without TLS or when it failed). */
    connections: { accepted: number; secure?: number }[];
    rpcs: RpcSpan[];
    modules: ModuleLoad[];
    gcMs: number;
    exit?: number;
}

const dir = process.env["BENCH_TRACE_DIR"];

/** Epoch milliseconds, to a microsecond. */
const now = () => performance.timeOrigin + performance.now();

function install(outDir: string): void {
    const origin = performance.timeOrigin;
    const trace: StartTrace = {
        pid: process.pid,
        origin,
        // Read at exit: bootstrap completes after the preloads.
        node: { v8Start: NaN, environment: NaN, bootstrapComplete: NaN },
        connections: [],
        rpcs: [],
        modules: [],
        gcMs: 0,
    };
    const gc = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) trace.gcMs += entry.duration;
    });
    gc.observe({ entryTypes: ["gc"] });

    const Module = require("node:module") as {
        _load: (request: string, parent: unknown, isMain: boolean) => unknown;
        _resolveFilename: (...a: unknown[]) => string;
        isBuiltin(name: string): boolean;
    };
    const originalLoad = Module._load;
    const seen = new Set<string>();
    let depth = 0;
    Module._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
        let id: string;
        const builtin = request.startsWith("node:") ? request.slice(5) : request;
        if (Module.isBuiltin(request)) id = `node:${builtin}`;
        else {
            try {
                id = Module._resolveFilename(request, parent, isMain);
            } catch {
                id = request;
            }
        }
        if (seen.has(id)) return originalLoad.call(this, request, parent, isMain);
        seen.add(id);
        if (isMain) trace.mainStart = now();
        const start = now();
        depth++;
        try {
            const exported = originalLoad.call(this, request, parent, isMain);
            return patched(id, exported);
        } finally {
            depth--;
            trace.modules.push({ id, start, ms: now() - start, depth });
        }
    };

    /** The provider's server, its methods timed; `node:http2`, its TLS handshakes timed. */
    function patched(id: string, exported: unknown): unknown {
        if (id.endsWith(`${"terraform"}/grpc-http2-server.js`)) patchServer(exported as ServerModule);
        if (id === "node:http2") patchHttp2(exported as typeof import("node:http2"));
        return exported;
    }

    type Method = ((request: Buffer, call: unknown) => Promise<Buffer>) | { held: true };
    interface ServerModule {
        Http2GrpcServer: new (options: { methods: Record<string, Method> }) => { prepare(): unknown };
    }
    function patchServer(module: ServerModule): void {
        const Base = module.Http2GrpcServer;
        module.Http2GrpcServer = class extends Base {
            #prepared = false;
            constructor(options: { methods: Record<string, Method> }) {
                const methods: Record<string, Method> = {};
                for (const [path, method] of Object.entries(options.methods)) {
                    methods[path] =
                        typeof method === "function"
                            ? async (request, call) => {
                                  const span: RpcSpan = { method: path.slice(path.lastIndexOf("/") + 1), start: now(), end: 0, ok: false };
                                  trace.rpcs.push(span);
                                  try {
                                      const answer = await method(request, call);
                                      span.ok = true;
                                      return answer;
                                  } finally {
                                      span.end = now();
                                  }
                              }
                            : method;
                }
                super({ ...options, methods });
            }
            override prepare(): unknown {
                if (this.#prepared) return super.prepare();
                this.#prepared = true;
                const start = now();
                try {
                    return super.prepare();
                } finally {
                    trace.prepare = { start, end: now() };
                }
            }
        };
    }
    function patchHttp2(http2: typeof import("node:http2")): void {
        const create = http2.createSecureServer;
        (http2 as { createSecureServer: unknown }).createSecureServer = (...args: Parameters<typeof create>) => {
            const server = create(...args);
            server.prependListener("connection", () => void trace.connections.push({ accepted: now() }));
            server.prependListener("secureConnection", () => {
                const open = trace.connections.find((c) => c.secure === undefined);
                if (open) open.secure = now();
            });
            return server;
        };
    }

    const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
    (process.stdout as { write: unknown }).write = (...args: unknown[]) => {
        if (trace.handshakeLine === undefined && String(args[0]).includes("|grpc|")) trace.handshakeLine = now();
        return write(...args);
    };
    process.on("exit", () => {
        trace.exit = now();
        const timing = performance.nodeTiming;
        trace.node = { v8Start: origin + timing.v8Start, environment: origin + timing.environment, bootstrapComplete: origin + timing.bootstrapComplete };
        writeFileSync(join(outDir, `${process.pid}.json`), JSON.stringify(trace));
    });
}

if (dir) install(dir);
