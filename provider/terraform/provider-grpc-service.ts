/**
 * `tfplugin6.Provider`'s methods for the gRPC server: every answered RPC's messages decoded and encoded by
 * `tfplugin6-codec.ts`, its handler in `provider-server.ts`. Both load on the first call, so that the handshake
 * line comes as soon as the server listens. A handler's unexpected error is answered as INTERNAL with its message,
 * never a stack trace; RPCs not listed are answered UNIMPLEMENTED by the server.
 */
import type { CallCancellation } from "../plugin-process/call-cancellation";
import { GRPC_STATUS, GrpcStatusError, Methods } from "./grpc-http2-server";
import type * as ServerModule from "./provider-server";
import type * as CodecModule from "./tfplugin6-codec";
import { PROVIDER_RPCS } from "./tfplugin6-descriptor";

const codec = () => require("./tfplugin6-codec") as typeof CodecModule;

/** The provider's methods by path; `cancellation` tracks the calls in progress. */
export function providerMethods(cancellation: CallCancellation): Methods {
    let handlers: Record<string, ServerModule.RpcHandler> | undefined;
    const load = () => (handlers ??= (require("./provider-server") as typeof ServerModule).providerHandlers(cancellation));
    const methods: Record<string, Methods[string]> = {};
    for (const rpc of PROVIDER_RPCS) {
        methods[`/tfplugin6.Provider/${rpc}`] = async (request, call) => {
            const inProgress = cancellation.begin(call);
            try {
                const decoded = codec().decodeMessage(`${rpc}.Request`, request);
                const answer = await (load()[rpc] as ServerModule.RpcHandler)(decoded as never, inProgress.signal);
                return codec().encodeMessage(`${rpc}.Response`, answer);
            } catch (error) {
                throw new GrpcStatusError(
                    GRPC_STATUS.INTERNAL,
                    `alicloudmessagecontacts: internal error in ${rpc}: ${error instanceof Error ? error.message : String(error)}`,
                );
            } finally {
                inProgress.end();
            }
        };
    }
    return methods;
}
