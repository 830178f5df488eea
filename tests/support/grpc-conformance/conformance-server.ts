/**
 * The provider's gRPC server (`provider/terraform/grpc-http2-server.ts`) serving the conformance suite's methods,
 * the same as the grpc-go reference server's (engine/grpc-reference/main.go):
 *
 * - `Echo` answers its request;
 * - `Fail` answers FAILED_PRECONDITION with the request as the message;
 * - `Wait` waits until its call is cancelled (the client cancels, or the deadline passes), and counts it;
 * - `Waits` and `Cancellations` answer, in decimal, how many `Wait` calls began waiting and how many saw their
 *   cancellation (a test cancels once its call waits, so that a slow machine cannot cancel it before it arrives).
 */
import { GRPC_STATUS, GrpcStatusError, Http2GrpcServer, Http2GrpcServerOptions, Methods } from "../../../provider/terraform/grpc-http2-server";

/** The largest message both servers accept in the suite (small, so that going over it is cheap). */
export const CONFORMANCE_MAX_MESSAGE_BYTES = 4096;
/** The service of the suite's methods. */
export const CONFORMANCE_SERVICE = "conformance.Test";
/** How often the suite's server checks its connections' liveness (short, so that a broken one closes within a case). */
export const CONFORMANCE_LIVENESS_MS = 100;

/** The suite's methods over the counts of the `Wait` calls that began waiting and that were cancelled. */
export function conformanceMethods(): Methods {
    let waits = 0;
    let cancellations = 0;
    const path = (name: string) => `/${CONFORMANCE_SERVICE}/${name}`;
    return {
        [path("Echo")]: async (request) => request,
        [path("Fail")]: async (request) => {
            throw new GrpcStatusError(GRPC_STATUS.FAILED_PRECONDITION, request.toString("utf8"));
        },
        [path("Wait")]: (_request, call) =>
            new Promise<Buffer>((_resolve, reject) => {
                waits += 1;
                const cancelled = () => {
                    cancellations += 1;
                    reject(new GrpcStatusError(GRPC_STATUS.CANCELLED, "the call was cancelled"));
                };
                if (call.cancelled) cancelled();
                else call.once("cancelled", cancelled);
            }),
        [path("Cancellations")]: async () => Buffer.from(String(cancellations)),
        [path("Waits")]: async () => Buffer.from(String(waits)),
    };
}

/** A running server of the suite. */
export interface ConformanceServer {
    server: Http2GrpcServer;
    /** `127.0.0.1:port`. */
    address: string;
    close(): Promise<void>;
}

/** Starts the provider's server with the suite's methods on a free loopback port; `options` over the suite's. */
export async function startConformanceServer(options: Partial<Http2GrpcServerOptions> = {}): Promise<ConformanceServer> {
    const server = new Http2GrpcServer({
        methods: conformanceMethods(),
        maxMessageBytes: CONFORMANCE_MAX_MESSAGE_BYTES,
        livenessCheckMs: CONFORMANCE_LIVENESS_MS,
        ...options,
    });
    const address = await server.listen({ host: "127.0.0.1", port: 0 });
    return { server, address, close: () => server.close(100) };
}
