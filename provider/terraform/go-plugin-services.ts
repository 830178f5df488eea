/**
 * The services go-plugin's client expects beside the provider's: `plugin.GRPCController` (Shutdown: the CLI's
 * way to end the process at once, instead of killing it after a grace period), `plugin.GRPCStdio` (the stream
 * over which a plugin may forward its output; this one forwards nothing and keeps it open until shutdown) and
 * `grpc.health.v1.Health` (Check answers SERVING). Their messages are empty or one enum field, so they are
 * encoded here directly rather than through a protobuf library.
 */
import type * as grpc from "@grpc/grpc-js";

const EMPTY = Buffer.alloc(0);
/** `HealthCheckResponse { status: SERVING }`: field 1, varint 1. */
const SERVING = Buffer.from([0x08, 0x01]);

/** A method whose messages are opaque bytes, encoded by the caller. */
function method(path: string, responseStream: boolean): grpc.MethodDefinition<Buffer, Buffer> {
    return {
        path,
        requestStream: false,
        responseStream,
        requestSerialize: (value) => value,
        requestDeserialize: (bytes) => bytes,
        responseSerialize: (value) => value,
        responseDeserialize: (bytes) => bytes,
    };
}

/** The three services, with `shutdown` called (once the answer is sent) when the CLI calls Shutdown. */
export function goPluginServices(shutdown: () => void): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation }[] {
    const streams = new Set<grpc.ServerWritableStream<Buffer, Buffer>>();
    return [
        {
            definition: { Shutdown: method("/plugin.GRPCController/Shutdown", false) },
            implementation: {
                Shutdown: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
                    for (const stream of streams) stream.end();
                    callback(null, EMPTY);
                    // After the answer is on its way: the CLI waits for it before it stops waiting for the process.
                    setImmediate(shutdown);
                },
            },
        },
        {
            definition: { StreamStdio: method("/plugin.GRPCStdio/StreamStdio", true) },
            implementation: {
                StreamStdio: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
                    streams.add(call);
                    call.on("cancelled", () => streams.delete(call));
                },
            },
        },
        {
            definition: { Check: method("/grpc.health.v1.Health/Check", false) },
            implementation: {
                Check: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, SERVING),
            },
        },
    ];
}
