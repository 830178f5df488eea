/**
 * The provider's tfplugin6 descriptor (generated, `tfplugin6-descriptor.ts`) against the protocol as published:
 * every message and field it names has upstream's number, type, label (repeated, proto3 optional, oneof) and
 * map-ness, every enum upstream's values, and every RPC it answers is a unary RPC of `tfplugin6.Provider` with
 * those messages. Upstream is terraform-plugin-go's proto (6.11, which the descriptor is generated from); the
 * fields are also checked against OpenTofu's (6.10, as the pinned `tofu` ships it). Both come from the Go module
 * proxy through `go mod download`.
 */
import { strict as assert } from "node:assert";
import * as protobuf from "protobufjs";
import { loadProto, moduleAtVersion, ModuleProto, opentofuTfplugin6, UPSTREAM_TFPLUGIN6 } from "../../generate/upstream-tfplugin6";
import { PROVIDER_RPCS, TFPLUGIN6_DESCRIPTOR } from "../../provider/terraform/tfplugin6-descriptor";

/** A field as the descriptor writes it. */
interface OurField {
    id: number;
    type: string;
    ref?: string;
    repeated?: boolean;
    map?: boolean;
    optional?: boolean;
    oneof?: string;
}

/** A field's facts, in one comparable line. */
function facts(field: { id: number; type: string; repeated: boolean; mapKey: string | undefined; optional: boolean; oneof: string | undefined }): string {
    const labels = [
        field.repeated ? "repeated" : "",
        field.mapKey ? `map<${field.mapKey}, _>` : "",
        field.optional ? "optional" : "",
        field.oneof ? `oneof ${field.oneof}` : "",
    ];
    return [`number ${field.id}`, `type ${field.type}`, ...labels.filter(Boolean)].join(", ");
}

/** Ours, with message and enum types by full name. */
function ourFacts(field: OurField): string {
    return facts({
        id: field.id,
        type: field.ref ? `tfplugin6.${field.ref}` : field.type,
        repeated: field.repeated === true,
        mapKey: field.map ? "string" : undefined,
        optional: field.optional === true,
        oneof: field.oneof,
    });
}

/** Upstream's, read from protobufjs (a synthetic oneof of a proto3 `optional` is the label, not a oneof). */
function upstreamFacts(field: protobuf.Field): string {
    const optional = field.options?.proto3_optional === true;
    return facts({
        id: field.id,
        type: field.resolvedType ? field.resolvedType.fullName.replace(/^\./, "") : field.type,
        repeated: field.repeated,
        mapKey: field instanceof protobuf.MapField ? field.keyType : undefined,
        optional,
        oneof: optional ? undefined : field.partOf?.name,
    });
}

/** Every way the descriptor differs from `root`'s proto, one line each; empty when it agrees. */
function differences(root: protobuf.Root): string[] {
    const found: string[] = [];
    const messages = TFPLUGIN6_DESCRIPTOR.messages as Readonly<Record<string, Readonly<Record<string, OurField>>>>;
    for (const [message, fields] of Object.entries(messages)) {
        const type = root.lookup(`tfplugin6.${message}`);
        if (!(type instanceof protobuf.Type)) {
            found.push(`tfplugin6.${message}: no such message`);
            continue;
        }
        for (const [name, field] of Object.entries(fields)) {
            const theirs = type.fields[name];
            if (!theirs) found.push(`tfplugin6.${message}.${name}: no such field`);
            else if (ourFacts(field) !== upstreamFacts(theirs))
                found.push(`tfplugin6.${message}.${name}: ours ${ourFacts(field)}; theirs ${upstreamFacts(theirs)}`);
        }
    }
    const enums = TFPLUGIN6_DESCRIPTOR.enums as Readonly<Record<string, Readonly<Record<string, number>>>>;
    for (const [name, values] of Object.entries(enums)) {
        const theirs = root.lookup(`tfplugin6.${name}`);
        if (!(theirs instanceof protobuf.Enum)) found.push(`tfplugin6.${name}: no such enum`);
        else if (JSON.stringify(values) !== JSON.stringify(theirs.values))
            found.push(`tfplugin6.${name}: ours ${JSON.stringify(values)}; theirs ${JSON.stringify(theirs.values)}`);
    }
    const service = root.lookupService("tfplugin6.Provider");
    for (const rpc of PROVIDER_RPCS) {
        const method = service.methods[rpc];
        const shape = (m: protobuf.Method) =>
            `${m.requestStream ? "stream " : ""}${m.resolvedRequestType?.fullName} -> ${m.responseStream ? "stream " : ""}${m.resolvedResponseType?.fullName}`;
        const expected = `.tfplugin6.${rpc}.Request -> .tfplugin6.${rpc}.Response`;
        if (!method) found.push(`tfplugin6.Provider/${rpc}: no such RPC`);
        else if (shape(method) !== expected) found.push(`tfplugin6.Provider/${rpc}: ours ${expected}; theirs ${shape(method)}`);
    }
    return found;
}

describe("the tfplugin6 descriptor, against the published protocol", function () {
    // Each proto is fetched with go mod download when Go's module cache lacks it.
    this.timeout(300_000);

    const references: [string, () => ModuleProto][] = [
        ["terraform-plugin-go's (upstream, 6.11)", () => UPSTREAM_TFPLUGIN6],
        ["OpenTofu's (6.10, the pinned tofu's)", opentofuTfplugin6],
    ];
    for (const [label, reference] of references) {
        it(`every message, field, enum and RPC it names is ${label}: same number, type, label and map-ness`, () => {
            const proto = reference();
            assert.deepEqual(differences(loadProto(proto)), [], `the descriptor differs from ${proto.file} of ${moduleAtVersion(proto)}`);
        });
    }

    it("names something of every kind it checks (a descriptor emptied by mistake would agree with anything)", () => {
        const fields = Object.values(TFPLUGIN6_DESCRIPTOR.messages).flatMap((fields) => Object.values(fields) as OurField[]);
        for (const kind of ["repeated", "map", "oneof"] as const)
            assert.ok(
                fields.some((field) => field[kind] !== undefined),
                kind,
            );
        for (const type of ["bytes", "string", "bool", "int64", "message", "enum"])
            assert.ok(
                fields.some((field) => field.type === type),
                type,
            );
        assert.ok(PROVIDER_RPCS.length > 0);
    });
});
