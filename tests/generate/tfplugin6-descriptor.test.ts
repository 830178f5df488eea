/**
 * The descriptor generator (`generate/tfplugin6-descriptor.ts`) refuses, naming it, any selection it cannot turn
 * into a descriptor the codec reads: a name upstream lacks, a type or map key the codec does not read, a streaming
 * RPC, a message used but not selected, or one selected but never reached. Over small protos written here.
 */
import { strict as assert } from "node:assert";
import * as protobuf from "protobufjs";
import { selectedDescriptor } from "../../generate/tfplugin6-descriptor";
import { goModuleDir, UPSTREAM_TFPLUGIN6 } from "../../generate/upstream-tfplugin6";
import { withEnv } from "../support/with-env";

/** A `tfplugin6` proto with a Provider service of `rpcs` and the given messages. */
function proto(rpcs: string, messages: string): protobuf.Root {
    const root = protobuf.parse(`syntax = "proto3"; package tfplugin6; service Provider { ${rpcs} } ${messages}`).root;
    root.resolveAll();
    return root;
}

const PING = proto(
    "rpc Ping(Ping.Request) returns (Ping.Response);",
    `message Ping {
        message Request { string name = 3; Inner inner = 4; int32 count = 5; map<int64, string> byNumber = 6; optional bool flag = 7;
                          oneof choice { string a = 8; bytes b = 9; } }
        message Response { repeated Inner inners = 1; Kind kind = 2; }
        enum Kind { NONE = 0; SOME = 1; }
    }
    message Inner { map<string, Inner> children = 1; }
    message Unused { string x = 1; }`,
);

describe("the tfplugin6 descriptor generator", () => {
    it("takes numbers, types and labels from the proto, enums whole, and follows message fields", () => {
        const descriptor = selectedDescriptor(PING, {
            rpcs: ["Ping"],
            fields: { "Ping.Request": ["name", "inner", "flag", "a", "b"], "Ping.Response": ["inners", "kind"], Inner: ["children"] },
        });
        assert.deepEqual(descriptor, {
            messages: {
                "Ping.Request": {
                    name: { id: 3, type: "string" },
                    inner: { id: 4, type: "message", ref: "Inner" },
                    flag: { id: 7, type: "bool", optional: true },
                    a: { id: 8, type: "string", oneof: "choice" },
                    b: { id: 9, type: "bytes", oneof: "choice" },
                },
                Inner: { children: { id: 1, type: "message", ref: "Inner", map: true } },
                "Ping.Response": { inners: { id: 1, type: "message", ref: "Inner", repeated: true }, kind: { id: 2, type: "enum", ref: "Ping.Kind" } },
            },
            enums: { "Ping.Kind": { NONE: 0, SOME: 1 } },
            rpcs: ["Ping"],
        });
    });

    const refusals: [string, Parameters<typeof selectedDescriptor>[1], RegExp][] = [
        [
            "a field upstream lacks",
            { rpcs: ["Ping"], fields: { "Ping.Request": ["nmae"], "Ping.Response": [] } },
            /tfplugin6\.Ping\.Request has no field nmae \(it has name, /,
        ],
        ["an RPC upstream lacks", { rpcs: ["Pong"], fields: {} }, /tfplugin6\.Provider has no RPC Pong/],
        [
            "a type the codec does not read",
            { rpcs: ["Ping"], fields: { "Ping.Request": ["count"], "Ping.Response": [] } },
            /tfplugin6\.Ping\.Request\.count is of type int32, which the codec does not read/,
        ],
        [
            "a map whose keys are not strings",
            { rpcs: ["Ping"], fields: { "Ping.Request": ["byNumber"], "Ping.Response": [] } },
            /tfplugin6\.Ping\.Request\.byNumber is a map with int64 keys/,
        ],
        [
            "a message used but not selected",
            { rpcs: ["Ping"], fields: { "Ping.Request": ["inner"], "Ping.Response": [] } },
            /tfplugin6\.Inner is used but not selected/,
        ],
        [
            "a message selected but never reached",
            { rpcs: ["Ping"], fields: { "Ping.Request": [], "Ping.Response": [], Unused: ["x"] } },
            /used by no selected RPC: Unused/,
        ],
    ];
    for (const [what, selection, message] of refusals) {
        it(`refuses ${what}, naming it`, () => {
            assert.throws(() => selectedDescriptor(PING, selection), message);
        });
    }

    it("refuses a streaming RPC: the server answers unary ones only", () => {
        const root = proto("rpc Watch(Watch.Request) returns (stream Watch.Response);", "message Watch { message Request {} message Response {} }");
        assert.throws(() => selectedDescriptor(root, { rpcs: ["Watch"], fields: { "Watch.Request": [], "Watch.Response": [] } }), /Provider\/Watch streams/);
    });

    it("without go on PATH, says the upstream proto comes from go mod download and what to install", async () => {
        await withEnv({ PATH: "/nonexistent" }, {}, async () => {
            assert.throws(
                () => goModuleDir(UPSTREAM_TFPLUGIN6),
                /tfplugin6\.proto of github\.com\/hashicorp\/terraform-plugin-go@v0\.31\.0 is fetched with `go mod download`, and `go` is not on PATH: install Go/,
            );
        });
    });
});
