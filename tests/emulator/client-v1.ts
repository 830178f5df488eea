// Test helpers: sign a call with the older RPC signature (HMAC-SHA1, V1) exactly as the official credentials
// library signs STS AssumeRole, independently of the emulator's own V1 code, and send it with undici.
import { createHmac, randomUUID } from "node:crypto";
import { Dispatcher, request } from "undici";
import { SigningKey } from "../../provider/alibaba-client/signing";
import { readReply, Reply, Target } from "./client";

/** How to build, sign, tamper with and send one V1 call. */
export interface V1CallOptions {
    action?: string;
    version?: string;
    /** Parameters sent in the form-urlencoded body (signed with the query's). */
    form?: Record<string, string>;
    key?: SigningKey;
    date?: Date;
    nonce?: string;
    /** Changes the query (Signature included) after signing. */
    editQuery?: (query: Record<string, string>) => void;
    /** Changes the body's form after signing. */
    editForm?: (form: Record<string, string>) => void;
    dispatcher?: Dispatcher;
}

/** The library's encoding: encodeURIComponent plus ! ' ( ) *. */
function encode(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The library's query and form serialisation: plain encodeURIComponent, insertion order. */
function serialise(params: Record<string, string>): string {
    return Object.entries(params)
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join("&");
}

/** `YYYY-MM-DDTHH:mm:ssZ`, as the library's `timestamp()`. */
function timestamp(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The query (with `Signature`) and form of a V1 call, signed as `ram_role_arn.js` does. */
export function signV1Call(emulator: Target, options: V1CallOptions = {}) {
    const key = options.key ?? emulator.account;
    const query: Record<string, string> = {
        Version: options.version ?? "2015-04-01",
        Action: options.action ?? "AssumeRole",
        Format: "JSON",
        Timestamp: timestamp(options.date ?? new Date()),
        SignatureMethod: "HMAC-SHA1",
        SignatureVersion: "1.0",
        SignatureNonce: options.nonce ?? randomUUID(),
        AccessKeyId: key.accessKeyId,
    };
    if (key.securityToken) query["SecurityToken"] = key.securityToken;
    const form = { ...options.form };
    const all: Record<string, string> = { ...query, ...form };
    const stringToSign = `POST&${encode("/")}&${encode(
        Object.keys(all)
            .sort()
            .map((name) => `${encode(name)}=${encode(all[name] ?? "")}`)
            .join("&"),
    )}`;
    query["Signature"] = createHmac("sha1", `${key.accessKeySecret}&`).update(stringToSign).digest("base64");
    return { query, form, stringToSign };
}

/** Signs, optionally tampers with, sends a V1 call (`POST /?query` with a form body) and reads the answer. */
export async function callV1(emulator: Target, options: V1CallOptions = {}): Promise<Reply> {
    const { query, form } = signV1Call(emulator, options);
    options.editQuery?.(query);
    options.editForm?.(form);
    const requestOptions: Parameters<typeof request>[1] = {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: serialise(form),
    };
    if (options.dispatcher) requestOptions.dispatcher = options.dispatcher;
    return readReply(await request(`${emulator.url}/?${serialise(query)}`, requestOptions));
}
