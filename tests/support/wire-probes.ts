/**
 * Hostile and borderline protobuf messages, each with what protobuf-go (v1.36.11, the decoder of Go providers and of
 * the CLIs) does with it: accept it or refuse it. The provider's codec must agree on every one; where it refuses,
 * `ours` is what its error says. protobuf-go's answers were read from `proto.Unmarshal` into terraform-plugin-go's
 * generated tfplugin6 types (`tests/engine/protobuf-go-oracle`, which the engine tests run on these probes).
 */

/** One probe. */
export interface WireProbe {
    what: string;
    /** The message it is decoded as. */
    message: "GetProviderSchema.Request" | "ReadDataSource.Request" | "GetProviderSchema.Response";
    bytes: Buffer;
    /** protobuf-go's answer: its error's text, or "accepts". */
    protobufGo: string;
    /** What our refusal says; absent where we accept. */
    ours?: RegExp;
}

const hex = (text: string) => Buffer.from(text, "hex");

/** Unknown groups (field 1) nested `depth` deep. */
export const nestedGroups = (depth: number): Buffer => Buffer.concat([Buffer.alloc(depth, 0x0b), Buffer.alloc(depth, 0x0c)]);

/** A varint's bytes. */
function varint(value: number): number[] {
    const out: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
        out.push((rest % 0x80) | 0x80);
        rest = Math.floor(rest / 0x80);
    }
    return [...out, rest];
}

/** A length-delimited field. */
const field = (number: number, payload: Buffer) => Buffer.concat([Buffer.from(varint(number * 8 + 2)), Buffer.from(varint(payload.length)), payload]);

/** A GetProviderSchema.Response whose provider schema nests blocks `levels` deep: 1 + 2 + 2 x levels messages. */
export function nestedSchemaBlocks(levels: number): Buffer {
    let block = Buffer.alloc(0);
    for (let level = 0; level < levels; level++) block = field(3, field(2, block));
    return field(1, field(2, block));
}

const CANNOT_PARSE = "proto: cannot parse invalid wire-format data";
const INVALID_UTF8 = "string field contains invalid UTF-8";

/** The probes, in the order of the closing table. */
export const WIRE_PROBES: readonly WireProbe[] = [
    {
        what: "negative length (a 10-byte varint, -11 as int64)",
        message: "GetProviderSchema.Request",
        bytes: hex("7af5ffffffffffffffff01"),
        protobufGo: CANNOT_PARSE,
        ours: /a length of 18446744073709551605 bytes runs past the end of the message/,
    },
    {
        what: "length beyond the message",
        message: "ReadDataSource.Request",
        bytes: hex("0a0561"),
        protobufGo: CANNOT_PARSE,
        ours: /a length of 5 bytes runs past/,
    },
    {
        what: "length 2^32 declared, 1 byte given",
        message: "ReadDataSource.Request",
        bytes: hex("0a808080801061"),
        protobufGo: CANNOT_PARSE,
        ours: /a length of 4294967296 bytes runs past/,
    },
    { what: "field number 0", message: "GetProviderSchema.Request", bytes: hex("0001"), protobufGo: CANNOT_PARSE, ours: /field number 0 is not valid/ },
    {
        what: "field number 2^29",
        message: "GetProviderSchema.Request",
        bytes: hex("808080801001"),
        protobufGo: CANNOT_PARSE,
        ours: /field number 536870912 is over the largest allowed, 536870911/,
    },
    { what: "field number 2^29-1 (the largest)", message: "GetProviderSchema.Request", bytes: hex("f8ffffff0f01"), protobufGo: "accepts" },
    {
        what: "tag beyond 32 bits",
        message: "GetProviderSchema.Request",
        bytes: hex("8080808080800101"),
        protobufGo: CANNOT_PARSE,
        ours: /field number \d+ is over/,
    },
    {
        what: "invalid UTF-8 in a string",
        message: "ReadDataSource.Request",
        bytes: hex("0a02c328"),
        protobufGo: INVALID_UTF8,
        ours: /typeName: a string field holds invalid UTF-8/,
    },
    {
        what: "a UTF-16 surrogate (CESU-8) in a string",
        message: "ReadDataSource.Request",
        bytes: hex("0a03eda080"),
        protobufGo: INVALID_UTF8,
        ours: /typeName: a string field holds invalid UTF-8/,
    },
    {
        what: "invalid UTF-8 in a map key",
        message: "GetProviderSchema.Response",
        bytes: hex("1a040a02c328"),
        protobufGo: INVALID_UTF8,
        ours: /dataSourceSchemas: a string field holds invalid UTF-8/,
    },
    {
        what: "varint of 11 bytes",
        message: "GetProviderSchema.Request",
        bytes: hex("08ffffffffffffffffffff01"),
        protobufGo: CANNOT_PARSE,
        ours: /a varint is longer than 10 bytes/,
    },
    {
        what: "varint whose 10th byte is 2 (beyond 64 bits)",
        message: "GetProviderSchema.Request",
        bytes: hex("08ffffffffffffffffff02"),
        protobufGo: CANNOT_PARSE,
        ours: /a varint is beyond 64 bits/,
    },
    { what: "varint whose 10th byte is 1 (2^64-1)", message: "GetProviderSchema.Request", bytes: hex("08ffffffffffffffffff01"), protobufGo: "accepts" },
    { what: "truncated varint", message: "GetProviderSchema.Request", bytes: hex("08ff"), protobufGo: CANNOT_PARSE, ours: /a varint runs past the end/ },
    {
        what: "truncated fixed64",
        message: "GetProviderSchema.Request",
        bytes: hex("090000"),
        protobufGo: CANNOT_PARSE,
        ours: /a 64-bit field runs past the end/,
    },
    { what: "unknown group", message: "GetProviderSchema.Request", bytes: hex("0b08010c"), protobufGo: "accepts" },
    {
        what: "group ended by another group's marker",
        message: "GetProviderSchema.Request",
        bytes: hex("0b14"),
        protobufGo: CANNOT_PARSE,
        ours: /group 1 is ended by the end marker of group 2/,
    },
    { what: "group with no end", message: "GetProviderSchema.Request", bytes: hex("0b0801"), protobufGo: CANNOT_PARSE, ours: /group 1 has no end/ },
    { what: "end-group marker with no group", message: "GetProviderSchema.Request", bytes: hex("0c"), protobufGo: CANNOT_PARSE, ours: /closes no group/ },
    {
        what: "reserved wire type 6",
        message: "GetProviderSchema.Request",
        bytes: hex("0e"),
        protobufGo: CANNOT_PARSE,
        ours: /wire type 6 \(field 1\) is reserved/,
    },
    {
        what: "reserved wire type 7",
        message: "GetProviderSchema.Request",
        bytes: hex("0f"),
        protobufGo: CANNOT_PARSE,
        ours: /wire type 7 \(field 1\) is reserved/,
    },
    { what: "known field with another wire type", message: "ReadDataSource.Request", bytes: hex("0801"), protobufGo: "accepts" },
    {
        what: "unknown groups nested 99 deep (100 levels with the message)",
        message: "GetProviderSchema.Request",
        bytes: nestedGroups(99),
        protobufGo: "accepts",
    },
    {
        // Ours on purpose: a tighter bound than protobuf-go's 10000 (see MAX_DEPTH in protobuf-wire.ts).
        what: "unknown groups nested 100 deep (101 levels)",
        message: "GetProviderSchema.Request",
        bytes: nestedGroups(100),
        protobufGo: "accepts",
        ours: /groups nest deeper than 100/,
    },
    {
        what: "unknown groups nested 20000 deep",
        message: "GetProviderSchema.Request",
        bytes: nestedGroups(20_000),
        protobufGo: CANNOT_PARSE,
        ours: /groups nest deeper than 100/,
    },
    { what: "schema blocks nested 48 levels (99 messages)", message: "GetProviderSchema.Response", bytes: nestedSchemaBlocks(48), protobufGo: "accepts" },
    {
        // Ours on purpose, as above.
        what: "schema blocks nested 49 levels (101 messages)",
        message: "GetProviderSchema.Response",
        bytes: nestedSchemaBlocks(49),
        protobufGo: "accepts",
        ours: /messages nest deeper than 100/,
    },
    {
        what: "schema blocks nested 6000 levels (12001 messages)",
        message: "GetProviderSchema.Response",
        bytes: nestedSchemaBlocks(6000),
        protobufGo: "proto: exceeded maximum recursion depth",
        ours: /messages nest deeper than 100/,
    },
];
