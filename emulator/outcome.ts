import { ServerResponse } from "node:http";
import { ApiError, errorBody } from "./api-error";
import { LIST_MESSAGE_CONTACT_VERIFICATIONS } from "./list-message-contact-verifications";
import { RecordedRequest } from "./types";

/** The content type of every JSON answer. */
export const JSON_CONTENT_TYPE = "application/json;charset=utf-8";

/** How a request is answered. `truncate` cuts a JSON answer short. */
export type Outcome =
    | { kind: "ok"; body: object; truncate: boolean }
    | { kind: "error"; error: ApiError; product: string; truncate: boolean }
    | { kind: "raw"; status: number; body: string; contentType: string }
    | { kind: "reset" }
    | { kind: "hang" };

/** An error outcome, for the product named in its `Recommend` link. */
export function failure(error: ApiError, product: string = LIST_MESSAGE_CONTACT_VERIFICATIONS.product): Outcome {
    return { kind: "error", error, product, truncate: false };
}

/**
 * Writes an outcome to the response and notes its status and error code in the request's record. `reset`
 * resets the connection, `hang` writes nothing, a truncated JSON answer sends half its bytes under the full
 * `content-length` and then closes the socket.
 */
export function deliver(res: ServerResponse, outcome: Outcome, record: RecordedRequest, requestId: string, hostId: string): void {
    if (res.destroyed || res.headersSent) return;
    switch (outcome.kind) {
        case "hang":
            return;
        case "reset":
            res.socket?.resetAndDestroy();
            return;
        case "raw":
            record.status = outcome.status;
            res.writeHead(outcome.status, {
                "content-type": outcome.contentType,
                "content-length": Buffer.byteLength(outcome.body),
                "x-acs-request-id": requestId,
            });
            res.end(outcome.body);
            return;
        case "ok":
        case "error": {
            const status = outcome.kind === "ok" ? 200 : outcome.error.status;
            const json = outcome.kind === "ok" ? { RequestId: requestId, ...outcome.body } : errorBody(requestId, hostId, outcome.product, outcome.error);
            const payload = Buffer.from(JSON.stringify(json));
            const responseHeaders: Record<string, string | number> = {
                "content-type": JSON_CONTENT_TYPE,
                "content-length": payload.length,
                "x-acs-request-id": requestId,
            };
            if (outcome.kind === "error") {
                record.errorCode = outcome.error.code;
                if (outcome.error.retryAfterMs !== undefined) {
                    responseHeaders["x-acs-retry-after"] = String(Math.ceil(outcome.error.retryAfterMs));
                }
            }
            record.status = status;
            res.writeHead(status, responseHeaders);
            if (!outcome.truncate) {
                res.end(payload);
                return;
            }
            const socket = res.socket;
            res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => socket?.end(() => socket.destroy()));
            return;
        }
    }
}
