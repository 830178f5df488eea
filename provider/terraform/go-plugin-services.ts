/**
 * The services go-plugin's client expects beside the provider's: `plugin.GRPCController` (Shutdown: the CLI's
 * way to end the process at once, instead of killing it after a grace period), `plugin.GRPCStdio` (the stream
 * over which a plugin may forward its output; this one forwards nothing and holds it open until shutdown) and
 * `grpc.health.v1.Health` (Check answers SERVING). Their messages are empty or one enum field, so they are
 * written here directly rather than through a protobuf library.
 */
import type { Methods } from "./grpc-http2-server";

const EMPTY = Buffer.alloc(0);
/** `HealthCheckResponse { status: SERVING }`: field 1, varint 1. */
const SERVING = Buffer.from([0x08, 0x01]);

/** The three services' methods, with `shutdown` called (once the answer is on its way) when the CLI calls Shutdown. */
export function goPluginMethods(shutdown: () => void): Methods {
    return {
        "/plugin.GRPCController/Shutdown": async () => {
            // After the answer is on its way: the CLI waits for it before it stops waiting for the process.
            setImmediate(shutdown);
            return EMPTY;
        },
        "/plugin.GRPCStdio/StreamStdio": { held: true },
        "/grpc.health.v1.Health/Check": async () => SERVING,
    };
}
