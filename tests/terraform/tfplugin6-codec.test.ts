import { strict as assert } from "node:assert";
import fc from "fast-check";
import * as protobuf from "protobufjs/light";
import { WireFormatError, WireReader, WireWriter } from "../../provider/terraform/protobuf-wire";
import { decodeMessage, encodeMessage } from "../../provider/terraform/tfplugin6-codec";
import { PROVIDER_RPCS, TFPLUGIN6_DESCRIPTOR } from "../../provider/terraform/tfplugin6-descriptor";

/** protobufjs over the same descriptor: the reference the hand-written codec is held to. */
const root = protobuf.Root.fromJSON(TFPLUGIN6_DESCRIPTOR);
const referenceEncode = (name: string, value: object) => {
    const type = root.lookupType(`tfplugin6.${name}`);
    return Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
};
const referenceDecode = (name: string, bytes: Uint8Array) => {
    const type = root.lookupType(`tfplugin6.${name}`);
    return type.toObject(type.decode(bytes), { enums: String, longs: Number });
};

/** Values for a message of the descriptor, nested messages down to `depth`. */
function messageValues(type: protobuf.Type, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    const oneofMembers = new Set(type.oneofsArray.flatMap((o) => o.oneof));
    for (const field of type.fieldsArray) {
        field.resolve();
        if (oneofMembers.has(field.name)) continue;
        const single = fieldValues(field, depth);
        if (!single) continue;
        if (field.map) fields[field.name] = fc.dictionary(fc.string({ maxLength: 6 }), single, { maxKeys: 2 });
        else if (field.repeated) fields[field.name] = fc.array(single, { maxLength: 3 });
        else fields[field.name] = single;
    }
    const plain = fc.record(fields, { requiredKeys: [] });
    if (oneofMembers.size === 0) return plain;
    // At most one member of a oneof, as a real sender writes them.
    const oneof = fc.oneof(
        fc.constant({}),
        ...[...oneofMembers].map((name) => {
            const field = type.fields[name] as protobuf.Field;
            return fc.record({ [name]: fieldValues(field, depth) as fc.Arbitrary<unknown> });
        }),
    );
    return fc.tuple(plain, oneof).map(([a, b]) => ({ ...a, ...b }));
}

function fieldValues(field: protobuf.Field, depth: number): fc.Arbitrary<unknown> | undefined {
    switch (field.type) {
        case "string":
            return fc.string({ maxLength: 8, unit: "binary" });
        case "bytes":
            return fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes));
        case "bool":
            return fc.boolean();
        case "int64":
            return fc.oneof(fc.integer(), fc.integer({ min: -3, max: 3 }), fc.maxSafeInteger(), fc.constantFrom(2 ** 31, -(2 ** 31), 2 ** 40, -(2 ** 40)));
    }
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) return fc.constantFrom(...Object.keys(resolved.values));
    if (resolved instanceof protobuf.Type) return depth > 0 ? messageValues(resolved, depth - 1) : undefined;
    throw new Error(`no values for ${field.type}`);
}

const MESSAGES = PROVIDER_RPCS.flatMap((rpc) => [`${rpc}.Request`, `${rpc}.Response`]);

describe("the tfplugin6 codec (tfplugin6-codec.ts), held to protobufjs over the same descriptor", () => {
    for (const name of MESSAGES) {
        it(`${name}: the same bytes from the same object, and the same object from those bytes`, () => {
            fc.assert(
                fc.property(messageValues(root.lookupType(`tfplugin6.${name}`), 3), (value) => {
                    const expected = referenceEncode(name, value);
                    assert.deepEqual(encodeMessage(name, value), expected);
                    assert.deepEqual(decodeMessage(name, expected), referenceDecode(name, expected));
                }),
                { numRuns: 150 },
            );
        });
    }

    it("skips fields it does not know, of every wire type, as a newer CLI may send them", () => {
        const known = encodeMessage("ValidateProviderConfig.Request", { config: { msgpack: Buffer.from([0x80]) } });
        const unknown = new WireWriter()
            .tag(9, 0)
            .varint(2 ** 40)
            .tag(10, 1)
            .raw(new Uint8Array(8))
            .lengthDelimited(11, Buffer.from("later"))
            .tag(12, 5)
            .raw(new Uint8Array(4))
            .finish();
        const decoded = decodeMessage("ValidateProviderConfig.Request", Buffer.concat([unknown, known]));
        assert.deepEqual(decoded, { config: { msgpack: Buffer.from([0x80]) } });
    });

    it("keeps enum numbers it has no name for, as protobufjs does", () => {
        const bytes = new WireWriter().tag(1, 0).varint(7).finish();
        assert.deepEqual(decodeMessage("Diagnostic", bytes), referenceDecode("Diagnostic", bytes));
        assert.deepEqual(decodeMessage("Diagnostic", bytes), { severity: 7 });
    });

    it("refuses a truncated message with a WireFormatError", () => {
        const bytes = encodeMessage("ReadDataSource.Request", { typeName: "alicloudmessagecontacts_verifications" });
        assert.throws(() => decodeMessage("ReadDataSource.Request", bytes.subarray(0, bytes.length - 3)), WireFormatError);
        assert.throws(() => new WireReader(Buffer.from([0xff, 0xff])).varint(), WireFormatError);
    });

    it("refuses a value of the wrong kind by field name, before writing anything", () => {
        assert.throws(() => encodeMessage("Diagnostic", { summary: 3 }), /summary must be a string; got number/);
        assert.throws(() => encodeMessage("Diagnostic", { severity: "FATAL" }), /severity must be one of INVALID, ERROR, WARNING/);
    });
});
