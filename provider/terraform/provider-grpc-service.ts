/**
 * `tfplugin6.Provider`'s methods for the gRPC server: every answered RPC's messages decoded and encoded by
 * `tfplugin6-codec.ts`, its handler in `provider-server.ts`. Both load on the first call, so that the handshake
 * line comes as soon as the server listens. The RPCs whose answer depends on nothing but the code (`static-rpcs.ts`:
 * GetProviderSchema and its kin) are answered with the bytes `npm run generate` encoded from the same handlers
 * (`static-answers.ts`), their requests still decoded (and refused when malformed) as any other's: a start asked
 * only for the schema (a plan's first, `tofu show -json`'s) loads neither the handlers nor the client. A handler's
 * unexpected error is answered as INTERNAL with its message, never a stack trace; RPCs not listed are answered
 * UNIMPLEMENTED by the server.
 */
import type { CallCancellation } from "../plugin-process/call-cancellation";
import { GRPC_STATUS, GrpcStatusError, Methods } from "./grpc-http2-server";
import type * as ServerModule from "./provider-server";
import type * as StaticAnswersModule from "./static-answers";
import { STATIC_RPCS, StaticRpc } from "./static-rpcs";
import type * as CodecModule from "./tfplugin6-codec";
import { PROVIDER_RPCS } from "./tfplugin6-descriptor";

const codec = () => require("./tfplugin6-codec") as typeof CodecModule;

const isStatic = (rpc: string): rpc is StaticRpc => (STATIC_RPCS as readonly string[]).includes(rpc);

/** A static RPC's answer, as `npm run generate` encoded it. */
const staticAnswer = (rpc: StaticRpc): Buffer => Buffer.from((require("./static-answers") as typeof StaticAnswersModule).STATIC_ANSWERS[rpc], "base64");

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
                if (isStatic(rpc)) return staticAnswer(rpc);
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
