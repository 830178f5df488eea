/**
 * Fuzz target of the tfplugin6 decoder (`tfplugin6-codec.ts` over `protobuf-wire.ts`), run in a worker by
 * `fuzz-harness.ts`: every message of the RPCs served (requests, which the provider decodes, and responses, whose
 * schemas nest), fed random bytes, upstream-valid messages (protobufjs over the upstream proto) with byte-level
 * mutations, and field sequences built from the wire format's edge cases (field numbers 0 and 2^29, all eight wire
 * types, 10- and 11-byte varints, lengths that lie, groups and messages nested deep). Each must decode or be a
 * WireFormatError.
 */
import fc from "fast-check";
import { WireFormatError } from "../../provider/terraform/protobuf-wire";
import { decodeMessage } from "../../provider/terraform/tfplugin6-codec";
import { PROVIDER_RPCS } from "../../provider/terraform/tfplugin6-descriptor";
import type { MessageName } from "../../provider/terraform/tfplugin6-messages";
import { messageValues, referenceEncode, upstreamType } from "../support/upstream-tfplugin6-values";
import { FuzzInput, FuzzOptions, FuzzReport, fuzzDecoder, mutated } from "./fuzz-harness";

const MESSAGES: MessageName[] = PROVIDER_RPCS.flatMap((rpc) => [`${rpc}.Request`, `${rpc}.Response`] as const);

/** A varint's bytes, of a value up to 2^64-1. */
function varint(value: bigint): number[] {
    const out: number[] = [];
    let rest = value;
    while (rest >= 0x80n) {
        out.push(Number(rest & 0x7fn) | 0x80);
        rest >>= 7n;
    }
    return [...out, Number(rest)];
}

/** Varints at and past the edges: 10 bytes (the largest, and -1 as int64), an 11-byte one, a 10th byte of 2, cut short. */
const edgeVarints = fc.oneof(
    fc.constantFrom(0n, 1n, 127n, 128n, 2n ** 31n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n).map(varint),
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(varint),
    fc.constantFrom(
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02],
        [0x80],
        [0xff, 0xff],
    ),
);

const fieldNumbers = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 15, 16, 2 ** 29 - 1, 2 ** 29, 2 ** 32 - 1), fc.nat(2 ** 29 + 8));

/** One field of the wire format with any tag and a payload that may or may not fit its wire type. */
const rawField = (nested: fc.Arbitrary<number[]>): fc.Arbitrary<number[]> =>
    fc
        .tuple(fieldNumbers, fc.nat(7), fc.oneof(edgeVarints, fc.array(fc.nat(255), { maxLength: 9 }), lengthDelimited(nested)))
        .map(([number, wireType, payload]) => [...varint(BigInt(number) * 8n + BigInt(wireType)), ...payload]);

/** A length prefix, true or false, and bytes (a nested message, or any). */
const lengthDelimited = (nested: fc.Arbitrary<number[]>): fc.Arbitrary<number[]> =>
    fc.tuple(nested, fc.oneof(fc.constant(0n), fc.constant(-1n), fc.bigInt({ min: -4n, max: 4n }), fc.constant(2n ** 64n - 11n))).map(([body, lie]) => {
        const declared = lie === 2n ** 64n - 11n ? lie : BigInt(body.length) + (lie === -1n || lie === 0n ? 0n : lie);
        return [...varint(declared < 0n ? 0n : declared), ...body];
    });

/** Field sequences, messages nesting messages a few levels, and runs of group starts and ends. */
const structured: fc.Arbitrary<Uint8Array> = fc
    .letrec<{ message: number[] }>((tie) => ({
        message: fc.oneof(
            { depthSize: "small" },
            fc.constant<number[]>([]),
            fc.array(rawField(tie("message")), { maxLength: 6 }).map((fields) => fields.flat()),
        ),
    }))
    .message.map((bytes) => Uint8Array.from(bytes));

const groups = fc
    .tuple(fc.nat(250), fc.nat(250), fc.integer({ min: 1, max: 3 }))
    .map(([open, close, field]) => Uint8Array.from([...Array<number>(open).fill(field * 8 + 3), ...Array<number>(close).fill(field * 8 + 4)]));

/** Messages protobufjs writes from values of every upstream field, two levels deep, each labelled with its message. */
const valid: fc.Arbitrary<FuzzInput> = fc
    .constantFrom(...MESSAGES)
    .chain((name) =>
        messageValues(upstreamType(name), 2, "all upstream fields").map((value) => ({ label: name, bytes: new Uint8Array(referenceEncode(name, value)) })),
    );

/** The inputs, labelled with the message each is decoded as. */
export const TFPLUGIN6_FUZZ_INPUTS: fc.Arbitrary<FuzzInput> = fc.oneof(
    valid,
    valid.chain(({ label, bytes }) => mutated(fc.constant(bytes)).map((changed) => ({ label, bytes: changed }))),
    fc
        .tuple(fc.constantFrom(...MESSAGES), fc.oneof(fc.uint8Array({ maxLength: 256 }), structured, groups, mutated(structured)))
        .map(([label, bytes]) => ({ label, bytes })),
);

/** The target: `decodeMessage` decodes or throws a WireFormatError. */
export function fuzzTfplugin6(options: FuzzOptions, shared: SharedArrayBuffer): FuzzReport {
    return fuzzDecoder(
        "tfplugin6 messages (protobuf)",
        options,
        shared,
        TFPLUGIN6_FUZZ_INPUTS,
        (input) => decodeMessage(input.label as MessageName, input.bytes),
        (error) => error instanceof WireFormatError,
    );
}
