/**
 * Encoding and decoding of the `tfplugin6` messages with protobufjs (its light build, from the JSON descriptor),
 * loaded on the first RPC: the handshake line, which the CLI waits for, does not need it.
 */
import type * as Protobuf from "protobufjs/light";
import { TFPLUGIN6_DESCRIPTOR } from "./tfplugin6-descriptor";

let root: Protobuf.Root | undefined;

/** A message type of `tfplugin6` (`ReadDataSource.Response`). */
function messageType(name: string): Protobuf.Type {
    root ??= (require("protobufjs/light") as typeof Protobuf).Root.fromJSON(TFPLUGIN6_DESCRIPTOR);
    return root.lookupType(`tfplugin6.${name}`);
}

/** Encodes a plain object as the named message (enums by name, 64-bit integers as numbers). */
export function encodeMessage(name: string, value: object): Buffer {
    const type = messageType(name);
    return Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
}

/** Decodes the named message into a plain object (enums by name, 64-bit integers as numbers, bytes as Buffers). */
export function decodeMessage<T>(name: string, bytes: Uint8Array): T {
    const type = messageType(name);
    return type.toObject(type.decode(bytes), { enums: String, longs: Number }) as T;
}
