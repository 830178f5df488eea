/**
 * The plugin's answers with properties (`answer-properties.ts`), as the service builds them, against the same
 * messages built with google-protobuf (`setReturn`, `setInputs`, `setProperties` of `Struct.fromJavaScript`): the
 * bytes grpc-js sends (the generated serializer's `serializeBinary`) are the same, for the real shapes of this
 * plugin's answers: the function's result and the resource's outputs for a listing of 3,000 verifications, with
 * secrets and the engine's unknown sentinel, and with the other fields of each answer set.
 */
import { strict as assert } from "node:assert";
import { PROPERTIES_FIELD, withDirectAnswers, withProps, withStructs } from "../../provider/plugin/answer-properties";
import { pulumiRuntime } from "../../provider/plugin/pulumi-runtime";
import { keepSecret, Props, UNKNOWN_VALUE } from "../../provider/wire-format";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";

const { messages, struct } = pulumiRuntime();
const toStruct = (props: object) => struct.Struct.fromJavaScript(props as Parameters<typeof struct.Struct.fromJavaScript>[0]);

const listing = verifications(3_000);
const functionResult = { id: "resourcedirectory.aliyuncs.com/ListMessageContactVerifications/*", totalCount: listing.length, verifications: listing };
const resourceOutputs = {
    ...listingOutputsOf(listing),
    contactId: "c-aaaaaaaa01",
    pageSize: 100,
    consistency: "snapshot",
    secretTargets: true,
};
const SHAPES: Record<string, Props> = {
    "the function's result": functionResult,
    "the resource's outputs, targets secret": keepSecret(resourceOutputs, ["verifications", "targets", "pendingByTarget"]),
    "checked inputs with an unknown": { ...keepSecret({ contactId: "c-a" }, ["contactId"]), endpoint: UNKNOWN_VALUE },
    nothing: {},
};

describe("the plugin's answers with properties, against google-protobuf's", () => {
    for (const [shape, props] of Object.entries(SHAPES)) {
        it(`writes the bytes google-protobuf writes: ${shape}`, () => {
            const failures = () => [new messages.CheckFailure().setProperty("contactId").setReason("must be ...")];
            const pairs: [string, Uint8Array, Uint8Array][] = [
                [
                    "InvokeResponse",
                    withProps(new messages.InvokeResponse().setFailuresList(failures()), PROPERTIES_FIELD.invokeReturn, props).serializeBinary(),
                    new messages.InvokeResponse().setFailuresList(failures()).setReturn(toStruct(props)).serializeBinary(),
                ],
                [
                    "CheckResponse",
                    withProps(new messages.CheckResponse().setFailuresList(failures()), PROPERTIES_FIELD.checkInputs, props).serializeBinary(),
                    new messages.CheckResponse().setInputs(toStruct(props)).setFailuresList(failures()).serializeBinary(),
                ],
                [
                    "CreateResponse",
                    withProps(new messages.CreateResponse().setId("id-1"), PROPERTIES_FIELD.createProperties, props).serializeBinary(),
                    new messages.CreateResponse().setId("id-1").setProperties(toStruct(props)).serializeBinary(),
                ],
                [
                    "ReadResponse",
                    withProps(
                        new messages.ReadResponse().setId("id-1").setInputs(toStruct({ pageSize: 100 })),
                        PROPERTIES_FIELD.readProperties,
                        props,
                    ).serializeBinary(),
                    new messages.ReadResponse()
                        .setId("id-1")
                        .setProperties(toStruct(props))
                        .setInputs(toStruct({ pageSize: 100 }))
                        .serializeBinary(),
                ],
                [
                    "ReadResponse, the inputs sent back as their bytes",
                    withStructs(new messages.ReadResponse().setId("id-1"), [
                        { field: PROPERTIES_FIELD.readProperties, struct: props },
                        { field: PROPERTIES_FIELD.readInputs, struct: toStruct(props).serializeBinary() },
                    ]).serializeBinary(),
                    new messages.ReadResponse().setId("id-1").setProperties(toStruct(props)).setInputs(toStruct(props)).serializeBinary(),
                ],
                [
                    "ReadResponse, the inputs written again, given first",
                    withStructs(new messages.ReadResponse().setId("id-1"), [
                        { field: PROPERTIES_FIELD.readInputs, struct: props },
                        { field: PROPERTIES_FIELD.readProperties, struct: { pageSize: 100 } },
                    ]).serializeBinary(),
                    new messages.ReadResponse()
                        .setId("id-1")
                        .setProperties(toStruct({ pageSize: 100 }))
                        .setInputs(toStruct(props))
                        .serializeBinary(),
                ],
                [
                    "UpdateResponse",
                    withProps(new messages.UpdateResponse(), PROPERTIES_FIELD.updateProperties, props).serializeBinary(),
                    new messages.UpdateResponse().setProperties(toStruct(props)).serializeBinary(),
                ],
            ];
            for (const [name, direct, reference] of pairs) assert.ok(Buffer.from(direct).equals(Buffer.from(reference)), name);
        });
    }

    it("is what the generated stubs serialize, and the wrapped serializer sends the same bytes without copying them", () => {
        const { services } = pulumiRuntime();
        const generated = services.ResourceProviderService.invoke;
        const wrapped = withDirectAnswers(services.ResourceProviderService).invoke;
        const answer = withProps(new messages.InvokeResponse(), PROPERTIES_FIELD.invokeReturn, functionResult);
        const sent = wrapped.responseSerialize(answer);
        assert.ok(sent.equals(generated.responseSerialize(answer)));
        assert.equal(sent, answer.serializeBinary(), "the bytes withProps wrote, as they are");
        assert.deepEqual(generated.responseDeserialize(sent).getReturn()?.toJavaScript(), functionResult);
        const plain = new messages.InvokeResponse().setFailuresList([new messages.CheckFailure().setProperty("p")]);
        assert.ok(wrapped.responseSerialize(plain).equals(generated.responseSerialize(plain)), "other answers by the generated serializer");
    });
});
