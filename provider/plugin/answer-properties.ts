/**
 * The plugin's answers that carry properties (Invoke's return, Check's inputs, Create's, Read's and Update's
 * properties), their property Struct written straight from the JavaScript object (`struct-encoding.ts`) rather than
 * through google-protobuf's `Struct.fromJavaScript`, whose tree of messages grew the plugin by hundreds of MB for a
 * large listing. The bytes are those google-protobuf writes for the same message with that Struct set
 * (tests/plugin/answer-properties.test.ts compares them). The encoder loads on the first such answer.
 */
import type { Props } from "../listing-resource";
import type * as StructEncoding from "./struct-encoding";

/** The field numbers of the answers' property Structs (pulumi's provider.proto). */
export const PROPERTIES_FIELD = { invokeReturn: 1, checkInputs: 1, createProperties: 2, readProperties: 2, readInputs: 3, updateProperties: 1 } as const;

/**
 * `message` with `props` as the Struct in its field `field`: the bytes google-protobuf would write for the message
 * with `Struct.fromJavaScript(props)` there. grpc-js serializes an answer by its `serializeBinary` (the generated
 * stubs' serializer), which answers those bytes from then on: every other field must be set before.
 */
export function withProps<M extends { serializeBinary(): Uint8Array }>(message: M, field: number, props: Props): M {
    return withStructs(message, [{ field, struct: props }]);
}

/**
 * `message` with several Struct fields at once, each an object (as {@link withProps}) or the bytes of a Struct as
 * google-protobuf writes them (sent as they are: `struct-decoding.ts`'s `isExactStruct` says which bytes are): one
 * buffer for the whole answer. Every other field must be set before.
 */
export function withStructs<M extends { serializeBinary(): Uint8Array }>(message: M, fields: readonly StructEncoding.StructField[]): M {
    const { withStructFields } = require("./struct-encoding") as typeof StructEncoding;
    const bytes = withStructFields(message.serializeBinary(), fields);
    message.serializeBinary = () => bytes;
    return message;
}

/** A gRPC method's definition, as far as it is wrapped here. */
interface MethodDefinition {
    responseSerialize: (message: never) => Buffer;
}

/**
 * `definition` (a generated service's) with each answer's serializer giving the bytes {@link withProps} wrote, as
 * they are: the generated serializer copies them (`Buffer.from(message.serializeBinary())`), and grpc-js copies
 * them again into its frame, so for a large answer that was a third copy at once. Other answers are serialized by
 * the generated serializer, as before.
 */
export function withDirectAnswers<D extends object>(definition: D): D {
    const wrapped: Record<string, unknown> = {};
    for (const [method, original] of Object.entries(definition as Record<string, MethodDefinition>)) {
        wrapped[method] = {
            ...original,
            responseSerialize: (message: { serializeBinary(): Uint8Array }) =>
                Object.hasOwn(message, "serializeBinary") ? (message.serializeBinary() as Buffer) : original.responseSerialize(message as never),
        };
    }
    return wrapped as D;
}
