/**
 * The plugin's requests read with their property Structs decoded directly (`request-structs.ts`), against the same
 * requests read by google-protobuf alone (the generated stubs' deserializer): every request that carries
 * properties, built with google-protobuf with a listing's shapes in each property field and its other fields set,
 * reads to the same properties and the same other fields. What the direct decoder leaves alone (a lone surrogate,
 * a property field given twice, bytes that do not parse) reads as google-protobuf reads it, or fails as it fails.
 * And Read's inputs, written again from the object read directly, are the bytes google-protobuf writes again.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { pulumiRuntime } from "../../provider/plugin/pulumi-runtime";
import {
    REQUEST_STRUCT_FIELDS,
    requestArguments,
    requestProps,
    returnedStruct,
    takeRequestStruct,
    withDirectStructs,
} from "../../provider/plugin/request-structs";
import { decodeStruct } from "../../provider/plugin/struct-decoding";
import { encodeStruct } from "../../provider/plugin/struct-encoding";
import { RECORDED_INPUT_NAMES } from "../../provider/listing-resource";
import { asSecret, keepSecret, secretNames, UNKNOWN_VALUE, unknownNames } from "../../provider/wire-format";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";

const { messages, services, struct } = pulumiRuntime();
const { Struct } = struct;
const toStruct = (props: object) => Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
const definition = services.ResourceProviderService as unknown as Record<string, { requestDeserialize(bytes: Buffer): JspbMessage }>;
const direct = withDirectStructs(definition);

interface JspbMessage {
    serializeBinary(): Uint8Array;
    toObject(): object;
    clone(): JspbMessage;
}

const listing = verifications(500);
const state = keepSecret({ ...listingOutputsOf(listing), contactId: "c-a", pageSize: 100 }, ["verifications", "targets"]);
const inputs = { pageSize: 100, contactId: UNKNOWN_VALUE, nested: { list: [1, -0, null, true, "é\ud83d\ude00"] } };

/** Each method's request with every property field and some other fields set; the property getters by field number. */
const REQUESTS: Record<keyof typeof REQUEST_STRUCT_FIELDS, () => { request: JspbMessage; getters: Record<number, string> }> = {
    check: () => ({
        request: new messages.CheckRequest().setUrn("urn:a").setOlds(toStruct(state)).setNews(toStruct(inputs)).setName("pending").setType("t"),
        getters: { 2: "getOlds", 3: "getNews" },
    }),
    diff: () => ({
        request: new messages.DiffRequest()
            .setId("id")
            .setUrn("urn:a")
            .setOlds(toStruct(state))
            .setNews(toStruct(inputs))
            .setOldInputs(toStruct(inputs))
            .setIgnorechangesList(["x"]),
        getters: { 3: "getOlds", 4: "getNews", 6: "getOldInputs" },
    }),
    create: () => ({
        request: new messages.CreateRequest().setUrn("urn:a").setProperties(toStruct(state)).setTimeout(30).setPreview(true),
        getters: { 2: "getProperties" },
    }),
    read: () => ({
        request: new messages.ReadRequest().setId("id").setUrn("urn:a").setProperties(toStruct(state)).setInputs(toStruct(inputs)),
        getters: { 3: "getProperties", 4: "getInputs" },
    }),
    update: () => ({
        request: new messages.UpdateRequest()
            .setId("id")
            .setUrn("urn:a")
            .setOlds(toStruct(state))
            .setNews(toStruct(inputs))
            .setOldInputs(toStruct(inputs))
            .setTimeout(5),
        getters: { 3: "getOlds", 4: "getNews", 8: "getOldInputs" },
    }),
    invoke: () => ({ request: new messages.InvokeRequest().setTok("pkg:index:f").setArgs(toStruct(inputs)), getters: { 2: "getArgs" } }),
};

/** The request's fields other than its properties, as google-protobuf gives them. */
function otherFields(request: JspbMessage, getters: Record<number, string>): object {
    const copy = request.clone() as unknown as Record<string, (value?: unknown) => void>;
    for (const getter of Object.values(getters)) copy[getter.replace(/^get/, "set")]?.(undefined);
    return (copy as unknown as JspbMessage).toObject();
}

describe("the plugin's requests with their properties read directly, against google-protobuf's reading", () => {
    for (const [method, make] of Object.entries(REQUESTS)) {
        it(`${method}: the same properties and the same other fields`, () => {
            const { request, getters } = make();
            const fields = REQUEST_STRUCT_FIELDS[method as keyof typeof REQUEST_STRUCT_FIELDS];
            assert.deepEqual(Object.values(fields).sort(), Object.keys(getters).map(Number).sort(), "the property fields are those of the generated getters");
            const bytes = Buffer.from(request.serializeBinary());
            const reference = definition[method]!.requestDeserialize(bytes) as unknown as Record<string, () => InstanceType<typeof Struct> | undefined>;
            const read = direct[method]!.requestDeserialize(bytes) as unknown as Record<string, () => InstanceType<typeof Struct> | undefined>;
            for (const [field, getter] of Object.entries(getters)) {
                assert.equal(read[getter]!(), undefined, `${getter} was read directly, not by google-protobuf`);
                assert.deepEqual(requestProps(read, Number(field), read[getter]!()), reference[getter]!()?.toJavaScript(), getter);
            }
            assert.deepEqual(otherFields(read as unknown as JspbMessage, getters), otherFields(reference as unknown as JspbMessage, getters));
        });
    }

    it("leaves to google-protobuf a Struct it does not read, a property field given twice, and bytes that do not parse", () => {
        const lone = new messages.CreateRequest()
            .setUrn("u")
            .setProperties(toStruct({ target: "\ud800" }))
            .serializeBinary();
        const twice = Buffer.concat([
            Buffer.from(new messages.CreateRequest().setProperties(toStruct({ a: 1 })).serializeBinary()),
            Buffer.from(new messages.CreateRequest().setProperties(toStruct({ b: 2 })).serializeBinary()),
        ]);
        for (const bytes of [Buffer.from(lone), twice]) {
            const read = direct.create!.requestDeserialize(bytes) as unknown as { getProperties(): InstanceType<typeof Struct> | undefined };
            const reference = definition.create!.requestDeserialize(bytes) as unknown as { getProperties(): InstanceType<typeof Struct> | undefined };
            assert.ok(read.getProperties() !== undefined, "read by google-protobuf");
            assert.deepEqual(requestProps(read, 2, read.getProperties()), reference.getProperties()?.toJavaScript());
        }
        assert.deepEqual(requestProps(direct.create!.requestDeserialize(twice), 2, undefined), undefined);
        const truncated = Buffer.from(new messages.CreateRequest().setUrn("u").setProperties(toStruct(state)).serializeBinary()).subarray(0, 100);
        assert.throws(() => definition.create!.requestDeserialize(truncated));
        assert.throws(() => direct.create!.requestDeserialize(truncated));
    });

    it("writes the inputs read directly again as the bytes google-protobuf writes again (Read's inputs go back as they came)", () => {
        const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("__proto__", "1", "10", ""));
        const { value } = fc.letrec((tie) => ({
            value: fc.oneof(
                { depthSize: "small" },
                fc.constant(null),
                fc.boolean(),
                fc.double(),
                text,
                fc.array(tie("value")),
                fc.dictionary(text, tie("value")),
            ),
        }));
        fc.assert(
            fc.property(fc.dictionary(text, value), (object) => {
                const bytes = toStruct(object).serializeBinary();
                const again = Buffer.from(Struct.deserializeBinary(bytes).serializeBinary());
                assert.deepEqual(encodeStruct(decodeStruct(bytes) ?? {}), again);
            }),
            { numRuns: 2000, seed: 26 },
        );
    });

    describe("Read: the state's arguments, and the inputs as their bytes", () => {
        const stateOf = (props: object) => ({
            ...keepSecret({ ...listingOutputsOf(listing), contactId: "c-a", pageSize: 100, secretTargets: true }, ["verifications", "targets", "contactId"]),
            ...props,
        });
        const readRequest = (state: object, inputs: object | undefined) => {
            const request = new messages.ReadRequest().setId("id").setUrn("urn:a").setProperties(toStruct(state));
            return inputs ? request.setInputs(toStruct(inputs)) : request;
        };

        it("reads the state's arguments, its size, and which properties hold secrets and unknowns, as google-protobuf's object tells", () => {
            for (const state of [
                stateOf({}),
                stateOf({ pendingByTarget: { "a***@example.com": [UNKNOWN_VALUE] }, totalCount: asSecret(3) }),
                { pageSize: asSecret(10) },
                {},
            ]) {
                const bytes = Buffer.from(readRequest(state, { pageSize: 100 }).serializeBinary());
                const read = direct.read!.requestDeserialize(bytes) as unknown as { getProperties(): InstanceType<typeof Struct> | undefined };
                const full = (definition.read!.requestDeserialize(bytes) as unknown as { getProperties(): InstanceType<typeof Struct> })
                    .getProperties()
                    .toJavaScript();
                const picked = Object.fromEntries(Object.entries(full).filter(([key]) => RECORDED_INPUT_NAMES.includes(key)));
                const expected = { props: picked, size: Object.keys(full).length, secret: secretNames(full), unknown: unknownNames(full) };
                assert.equal(read.getProperties(), undefined, "kept as bytes, not read by google-protobuf");
                assert.deepEqual(requestArguments(read, REQUEST_STRUCT_FIELDS.read.properties, RECORDED_INPUT_NAMES, read.getProperties()), expected);
                // Read by google-protobuf (a Struct this module leaves to it: a lone surrogate), the same answer.
                const lone = readRequest({ ...state, odd: "\ud800" }, undefined);
                const fromLibrary = direct.read!.requestDeserialize(Buffer.from(lone.serializeBinary())) as unknown as {
                    getProperties(): InstanceType<typeof Struct> | undefined;
                };
                assert.ok(fromLibrary.getProperties() !== undefined);
                assert.deepEqual(requestArguments(fromLibrary, REQUEST_STRUCT_FIELDS.read.properties, RECORDED_INPUT_NAMES, fromLibrary.getProperties()), {
                    ...expected,
                    size: expected.size + 1,
                });
            }
        });

        it("gives the inputs' bytes, a copy, the Struct google-protobuf writes; then lets go of them; none when google-protobuf read them", () => {
            const inputs = { ...listingOutputsOf(listing), pageSize: 100, contactId: asSecret("c-a"), endpoint: UNKNOWN_VALUE };
            const bytes = Buffer.from(readRequest(stateOf({}), inputs).serializeBinary());
            const read = direct.read!.requestDeserialize(bytes) as unknown as { getInputs(): InstanceType<typeof Struct> | undefined };
            assert.equal(read.getInputs(), undefined);
            const taken = takeRequestStruct(read, REQUEST_STRUCT_FIELDS.read.inputs);
            assert.ok(taken !== undefined);
            assert.deepEqual(taken, Buffer.from(toStruct(inputs).serializeBinary()));
            assert.ok(taken.buffer !== bytes.buffer, "a copy, not a view of the request's bytes");
            assert.equal(returnedStruct(taken), taken, "sent back as they are");
            // In another order (the engine's Go writes a map's keys in any order): the bytes sorted, as google-protobuf writes them.
            const shuffled = Buffer.concat([
                Buffer.from(toStruct({ pageSize: 100 }).serializeBinary()),
                Buffer.from(toStruct({ contactId: "c-a" }).serializeBinary()),
            ]);
            const sorted = returnedStruct(shuffled);
            assert.ok(sorted instanceof Uint8Array, "bytes, not an object to write again");
            assert.deepEqual(sorted, Buffer.from(Struct.deserializeBinary(shuffled).serializeBinary()));
            // A key given twice: sorting cannot make google-protobuf's bytes (which keep the last), so written again.
            const twice = Buffer.concat([Buffer.from(toStruct({ pageSize: 1 }).serializeBinary()), Buffer.from(toStruct({ pageSize: 100 }).serializeBinary())]);
            const again = returnedStruct(twice);
            assert.ok(!(again instanceof Uint8Array));
            assert.deepEqual(encodeStruct(again), Buffer.from(Struct.deserializeBinary(twice).serializeBinary()));
            assert.equal(takeRequestStruct(read, REQUEST_STRUCT_FIELDS.read.inputs), undefined, "let go");
            const lone = direct.read!.requestDeserialize(Buffer.from(readRequest({}, { odd: "\ud800" }).serializeBinary())) as unknown as {
                getInputs(): InstanceType<typeof Struct> | undefined;
            };
            assert.equal(takeRequestStruct(lone, REQUEST_STRUCT_FIELDS.read.inputs), undefined);
            assert.ok(lone.getInputs() !== undefined, "read by google-protobuf, as before");
            assert.equal(
                takeRequestStruct(direct.read!.requestDeserialize(Buffer.from(readRequest({}, undefined).serializeBinary())), 4),
                undefined,
                "no inputs",
            );
        });
    });
});
