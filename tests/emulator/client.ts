// Test helpers: sign a call with the provider's signer and send it to an emulator with undici.
import { randomUUID } from "node:crypto";
import { Dispatcher, request } from "undici";
import { z } from "zod";
import { canonicalQuery, QueryParameters, signRpcCall, SigningKey } from "../../provider/alibaba-client/signing";
import { Emulator } from "../../emulator";

/** The action and version under test. */
export const ACTION = "ListMessageContactVerifications";
/** The API version of {@link ACTION}. */
export const VERSION = "2022-04-19";

/** What a call needs to know about an emulator. */
export type Target = Pick<Emulator, "url" | "host" | "account">;

/** How to build, sign, tamper with and send one call. */
export interface CallOptions {
    query?: QueryParameters;
    action?: string;
    version?: string;
    key?: SigningKey;
    date?: Date;
    nonce?: string;
    /** Changes the signed headers before they are sent. */
    editHeaders?: (headers: Record<string, string>) => void;
    /** Sends this query string instead of the signed one. */
    sentQuery?: string;
    method?: string;
    path?: string;
    body?: string;
    dispatcher?: Dispatcher;
    signal?: AbortSignal;
}

/** An answer, read in full. */
export interface Reply {
    status: number;
    headers: Record<string, string>;
    text: string;
    json: unknown;
}

/** The headers of a signed call (the same ones the provider would send). */
export function signCall(emulator: Target, options: CallOptions = {}): Record<string, string> {
    return signRpcCall(
        {
            host: emulator.host,
            action: options.action ?? ACTION,
            version: options.version ?? VERSION,
            query: options.query ?? {},
        },
        options.key ?? emulator.account,
        options.date ?? new Date(),
        options.nonce ?? randomUUID(),
    );
}

/** Sends a raw request (no body read). */
export async function send(emulator: Target, headers: Record<string, string>, options: CallOptions = {}) {
    const query = options.sentQuery ?? canonicalQuery(options.query ?? {});
    const requestOptions: Parameters<typeof request>[1] = {
        method: (options.method ?? "POST") as Dispatcher.HttpMethod,
        headers,
    };
    if (options.body !== undefined) requestOptions.body = options.body;
    if (options.dispatcher) requestOptions.dispatcher = options.dispatcher;
    if (options.signal) requestOptions.signal = options.signal;
    return request(`${emulator.url}${options.path ?? "/"}${query ? `?${query}` : ""}`, requestOptions);
}

/** Reads a whole answer: status, flattened headers, text, and the JSON if the text is JSON. */
export async function readReply(response: Dispatcher.ResponseData<unknown>): Promise<Reply> {
    const text = await response.body.text();
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        json = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    return { status: response.statusCode, headers, text, json };
}

/** Signs, optionally tampers with, sends a call and reads the whole answer. */
export async function call(emulator: Target, options: CallOptions = {}): Promise<Reply> {
    const headers = signCall(emulator, options);
    options.editHeaders?.(headers);
    return readReply(await send(emulator, headers, options));
}

const requestIdSchema = z.string().regex(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);

/** The exact shape of a successful answer. */
export const pageSchema = z.strictObject({
    RequestId: requestIdSchema,
    TotalCount: z.number().int(),
    PageSize: z.number().int(),
    PageNumber: z.number().int(),
    ContactVerifications: z.array(z.strictObject({ ContactId: z.string(), Target: z.string() })),
});

/** The exact shape of an error answer. */
export const errorSchema = z.strictObject({
    RequestId: requestIdSchema,
    Code: z.string(),
    Message: z.string(),
    HostId: z.string(),
    Recommend: z.string(),
});

/** A successful page; fails the test unless the answer is a 200 of the documented shape. */
export function expectPage(reply: Reply): z.infer<typeof pageSchema> {
    if (reply.status !== 200) throw new Error(`expected 200, got ${reply.status}: ${reply.text}`);
    return pageSchema.parse(reply.json);
}

/** An error answer; fails the test unless its status and code are these and the body has the documented shape. */
export function expectError(reply: Reply, status: number, code: string): z.infer<typeof errorSchema> {
    if (reply.status !== status) throw new Error(`expected ${status} ${code}, got ${reply.status}: ${reply.text}`);
    const body = errorSchema.parse(reply.json);
    if (body.Code !== code) throw new Error(`expected code ${code}, got ${body.Code}: ${body.Message}`);
    if (reply.headers["x-acs-request-id"] !== body.RequestId) throw new Error("x-acs-request-id differs from RequestId");
    return body;
}

/** Polls a condition every few milliseconds until it holds or the time is up. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}
