import { strict as assert } from "node:assert";
import fc from "fast-check";
import { MAX_DEPTH, WireFormatError, WireWriter } from "../../provider/terraform/protobuf-wire";
import { decodeMessage, encodeMessage } from "../../provider/terraform/tfplugin6-codec";
import { PROVIDER_RPCS } from "../../provider/terraform/tfplugin6-descriptor";
import type { MessageName } from "../../provider/terraform/tfplugin6-messages";
import { messageValues, ourFieldsOf, referenceDecode, referenceEncode, upstreamType } from "../support/upstream-tfplugin6-values";

const MESSAGES = PROVIDER_RPCS.flatMap((rpc) => [`${rpc}.Request`, `${rpc}.Response`] as const);

describe("the tfplugin6 codec (tfplugin6-codec.ts), held to protobufjs over the upstream proto", function () {
    // The first test loads upstream's proto (go mod download: a download when Go's module cache lacks it).
    this.timeout(120_000);

    for (const name of MESSAGES) {
        it(`${name}: protobufjs's bytes from the same object, and upstream's object (cut to our fields) from any upstream message`, () => {
            const type = upstreamType(name);
            fc.assert(
                fc.property(messageValues(type, 3, "our fields"), messageValues(type, 3, "all upstream fields"), (ours, upstream) => {
                    assert.deepEqual(encodeMessage(name, ours), referenceEncode(name, ours));
                    const bytes = referenceEncode(name, upstream);
                    assert.deepEqual(decodeMessage(name, bytes), ourFieldsOf(name, referenceDecode(name, bytes)));
                }),
                { numRuns: 100 },
            );
        });
    }

    it("skips fields it does not know, of every wire type, groups included, as a newer CLI may send them", () => {
        const known = encodeMessage("ValidateProviderConfig.Request", { config: { msgpack: Buffer.from([0x80]) } });
        const unknown = new WireWriter()
            .tag(9, 0)
            .varint(2 ** 40)
            .tag(10, 1)
            .raw(new Uint8Array(8))
            .lengthDelimited(11, Buffer.from("later"))
            .tag(12, 5)
            .raw(new Uint8Array(4))
            .tag(13, 3)
            .tag(1, 0)
            .varint(1)
            .tag(13, 4)
            .finish();
        const decoded = decodeMessage("ValidateProviderConfig.Request", Buffer.concat([unknown, known]));
        assert.deepEqual(decoded, { config: { msgpack: Buffer.from([0x80]) } });
    });

    it("skips a known field that comes with another wire type, as protobuf-go does", () => {
        const bytes = Buffer.concat([
            new WireWriter().tag(1, 0).varint(1).finish(),
            encodeMessage("ReadDataSource.Request", { config: { json: Buffer.from("{}") } }),
        ]);
        assert.deepEqual(decodeMessage("ReadDataSource.Request", bytes), { config: { json: Buffer.from("{}") } });
    });

    it("keeps enum numbers it has no name for, as protobufjs does", () => {
        const bytes = new WireWriter().tag(1, 0).varint(7).finish();
        assert.deepEqual(decodeMessage("Diagnostic", bytes), referenceDecode("Diagnostic", bytes));
        assert.deepEqual(decodeMessage("Diagnostic", bytes), { severity: 7 });
    });

    it("keeps the last member of a oneof it reads, as protobuf-go does", () => {
        const bytes = Buffer.concat([encodeMessage("AttributePath.Step", { attributeName: "a" }), encodeMessage("AttributePath.Step", { elementKeyInt: 3 })]);
        assert.deepEqual(decodeMessage("AttributePath.Step", bytes), { elementKeyInt: 3 });
    });

    it("merges a message field that comes twice, and keeps a scalar's last value, as protobuf-go does", () => {
        const bytes = Buffer.concat([
            encodeMessage("ReadDataSource.Request", { typeName: "a", config: { msgpack: Buffer.from([1]) } }),
            encodeMessage("ReadDataSource.Request", { typeName: "b", config: { json: Buffer.from([2]) } }),
        ]);
        assert.deepEqual(decodeMessage("ReadDataSource.Request", bytes), { typeName: "b", config: { msgpack: Buffer.from([1]), json: Buffer.from([2]) } });
    });

    it("reads a map key `__proto__` as a key, not as the map's prototype", () => {
        const bytes = encodeMessage("GetProviderSchema.Response", { dataSourceSchemas: JSON.parse('{"__proto__": {"version": 2}}') as object });
        const decoded = decodeMessage("GetProviderSchema.Response", bytes);
        const schemas = decoded.dataSourceSchemas as Record<string, unknown>;
        assert.equal(Object.getPrototypeOf(schemas), Object.prototype);
        assert.deepEqual(Object.entries(schemas), [["__proto__", { version: 2 }]]);
    });

    it("refuses a truncated message with a WireFormatError naming the field and the byte", () => {
        const bytes = encodeMessage("ReadDataSource.Request", { typeName: "alicloudmessagecontacts_verifications" });
        assert.throws(
            () => decodeMessage("ReadDataSource.Request", bytes.subarray(0, bytes.length - 3)),
            (error: unknown) =>
                error instanceof WireFormatError &&
                error.message ===
                    "tfplugin6.ReadDataSource.Request.typeName: a length of 37 bytes runs past the end of the message (34 bytes left) (at byte 1)",
        );
    });

    it("refuses invalid UTF-8 in a string field and in a map key, naming the field, as protobuf-go does", () => {
        const bad = Buffer.from([0xc3, 0x28]);
        assert.throws(
            () => decodeMessage("ReadDataSource.Request", new WireWriter().lengthDelimited(1, bad).finish()),
            /^WireFormatError: tfplugin6\.ReadDataSource\.Request\.typeName: a string field holds invalid UTF-8 \(at byte 1\)$/,
        );
        const entry = new WireWriter().lengthDelimited(1, bad).finish();
        assert.throws(
            () => decodeMessage("GetProviderSchema.Response", new WireWriter().lengthDelimited(3, entry).finish()),
            /tfplugin6\.GetProviderSchema\.Response\.dataSourceSchemas: a string field holds invalid UTF-8 \(at byte 3\)/,
        );
    });

    it(`reads schemas nested MAX_DEPTH (${MAX_DEPTH}) messages deep, and refuses one level more`, () => {
        /** A response whose innermost message is at `depth`: Response (1) > Schema (2) > Block (3) > NestedBlock (4) > Block (5) ... */
        const nested = (depth: number) => {
            let inner: object = {};
            for (let at = depth - 1; at >= 3; at--) inner = at % 2 === 1 ? { blockTypes: [inner] } : { typeName: "b", nesting: "SINGLE", block: inner };
            return encodeMessage("GetProviderSchema.Response", { provider: { version: 0, block: inner } });
        };
        assert.ok(decodeMessage("GetProviderSchema.Response", nested(MAX_DEPTH)).provider);
        assert.throws(
            () => decodeMessage("GetProviderSchema.Response", nested(MAX_DEPTH + 1)),
            (error: unknown) => error instanceof WireFormatError && error.message.includes(`messages nest deeper than ${MAX_DEPTH}`),
        );
    });

    it("refuses a value of the wrong kind by field name, before writing anything", () => {
        assert.throws(() => encodeMessage("Diagnostic", { summary: 3 }), /summary must be a string; got number/);
        assert.throws(() => encodeMessage("Diagnostic", { severity: "FATAL" }), /severity must be one of INVALID, ERROR, WARNING/);
    });

    it("names every message of the RPCs it serves", () => {
        const names: readonly MessageName[] = MESSAGES;
        for (const name of names) assert.deepEqual(decodeMessage(name, Buffer.alloc(0)), {});
    });
});
