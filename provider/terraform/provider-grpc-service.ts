/**
 * `tfplugin6.Provider` as a grpc-js service: every answered RPC's messages encoded by `tfplugin6-codec.ts`, its
 * handler in `provider-server.ts`. Both load on the first call, so that the handshake line comes as soon as the
 * server listens. A handler's unexpected error is answered as INTERNAL with its message, never a stack trace;
 * RPCs not listed are answered UNIMPLEMENTED by grpc-js.
 */
import type * as grpc from "@grpc/grpc-js";
import type { CallCancellation } from "../plugin/call-cancellation";
import type * as ServerModule from "./provider-server";
import type * as CodecModule from "./tfplugin6-codec";
import { PROVIDER_RPCS } from "./tfplugin6-descriptor";

const codec = () => require("./tfplugin6-codec") as typeof CodecModule;

/** The service's definition and handlers; `cancellation` tracks the calls in progress. */
export function providerService(cancellation: CallCancellation): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
    let handlers: Record<string, ServerModule.RpcHandler> | undefined;
    const load = () => (handlers ??= (require("./provider-server") as typeof ServerModule).providerHandlers(cancellation));
    const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const rpc of PROVIDER_RPCS) {
        definition[rpc] = {
            path: `/tfplugin6.Provider/${rpc}`,
            requestStream: false,
            responseStream: false,
            requestSerialize: (value: object) => codec().encodeMessage(`${rpc}.Request`, value),
            requestDeserialize: (bytes: Buffer) => codec().decodeMessage(`${rpc}.Request`, bytes),
            responseSerialize: (value: object) => codec().encodeMessage(`${rpc}.Response`, value),
            responseDeserialize: (bytes: Buffer) => codec().decodeMessage(`${rpc}.Response`, bytes),
        };
        implementation[rpc] = (call: grpc.ServerUnaryCall<object, object>, callback: grpc.sendUnaryData<object>) => {
            const inProgress = cancellation.begin(call);
            Promise.resolve()
                .then(() => (load()[rpc] as ServerModule.RpcHandler)(call.request as never, inProgress.signal))
                .then(
                    (answer) => callback(null, answer),
                    (error: unknown) =>
                        callback({
                            code: 13,
                            details: `alicloudmessagecontacts: internal error in ${rpc}: ${error instanceof Error ? error.message : String(error)}`,
                        }),
                )
                .finally(inProgress.end);
        };
    }
    return { definition, implementation };
}
