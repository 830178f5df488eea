/**
 * The packed provider over its real socket, sent malformed tfplugin6 messages as raw HTTP/2: each is refused
 * promptly as INTERNAL (grpc-go answers "grpc: error unmarshalling request: proto: cannot parse invalid wire-format
 * data" with INTERNAL too), the message saying what was wrong; the provider then still answers GetProviderSchema,
 * and a SIGTERM still ends it. Every wait is bounded, so a provider that hangs fails these tests instead of hanging
 * them, and `after` kills it.
 */
import { strict as assert } from "node:assert";
import { consumerProject } from "../support/consumer-project";
import { hasExited, waitForExit } from "../support/process-state";
import { grpcFrame, rawGrpcCall, RawGrpcTarget } from "../support/raw-grpc-call";
import { serverCertPem, sharedClientCertificate, startTerraformProvider, TerraformProviderClient } from "../support/terraform-provider";

/** A bound on each answer and on the exit: far beyond a working provider's milliseconds, short of a hang. */
const LIMIT_MS = 10_000;
const INTERNAL = 13;

/** Unknown groups (field 1) nested `depth` deep. */
const nestedGroups = (depth: number) => Buffer.concat([Buffer.alloc(depth, 0x0b), Buffer.alloc(depth, 0x0c)]);

/** Each malformed request: the RPC, the message's bytes, and what the refusal should say. */
const HOSTILE: { what: string; rpc: string; message: Buffer; says: RegExp }[] = [
    {
        what: "a length of 2^64-11 (a 10-byte varint once read as -11: the 11-byte message that hung the provider)",
        rpc: "GetProviderSchema",
        message: Buffer.from("7af5ffffffffffffffff01", "hex"),
        says: /a length of 18446744073709551605 bytes runs past the end of the message \(0 bytes left\)/,
    },
    { what: "field number 0", rpc: "GetProviderSchema", message: Buffer.from("0001", "hex"), says: /field number 0 is not valid/ },
    {
        what: "field number 2^29",
        rpc: "GetProviderSchema",
        message: Buffer.from("808080801001", "hex"),
        says: /field number 536870912 is over the largest allowed/,
    },
    {
        what: "invalid UTF-8 in a string field",
        rpc: "ReadDataSource",
        message: Buffer.from("0a02c328", "hex"),
        says: /tfplugin6\.ReadDataSource\.Request\.typeName: a string field holds invalid UTF-8/,
    },
    {
        what: "a varint of 11 bytes",
        rpc: "GetProviderSchema",
        message: Buffer.from("08ffffffffffffffffffff01", "hex"),
        says: /a varint is longer than 10 bytes/,
    },
    { what: "unknown groups nested 200 deep", rpc: "GetProviderSchema", message: nestedGroups(200), says: /groups nest deeper than 100/ },
];

describe("Terraform provider: malformed messages over the socket", function () {
    this.timeout(60_000);
    let client: TerraformProviderClient;
    let target: RawGrpcTarget;

    before(async function () {
        this.timeout(600_000);
        const project = await consumerProject();
        client = await startTerraformProvider(project.dir);
        target = { address: client.handshake.address, serverCertPem: serverCertPem(client.handshake), client: sharedClientCertificate() };
    });

    after(async () => {
        const pid = client?.provider.child.pid;
        if (pid !== undefined && !hasExited(pid)) client.provider.child.kill("SIGKILL");
        await client?.close();
    });

    for (const { what, rpc, message, says } of HOSTILE) {
        it(`refuses ${what} as INTERNAL, promptly, saying what was wrong`, async () => {
            const answer = await rawGrpcCall(target, `/tfplugin6.Provider/${rpc}`, grpcFrame(message), LIMIT_MS);
            assert.equal(answer.httpStatus, 200);
            assert.equal(answer.grpcStatus, INTERNAL, `grpc-status of ${answer.grpcMessage}`);
            assert.match(answer.grpcMessage, says);
            assert.match(answer.grpcMessage, new RegExp(`^alicloudmessagecontacts: internal error in ${rpc}: tfplugin6\\.${rpc}\\.Request`));
        });
    }

    it("still answers GetProviderSchema afterwards", async () => {
        const schema = await client.call("GetProviderSchema", {}, LIMIT_MS);
        assert.ok((schema.dataSourceSchemas as Record<string, unknown>).alicloudmessagecontacts_verifications);
    });

    it("still ends on SIGTERM", async () => {
        const pid = client.provider.child.pid as number;
        client.provider.child.kill("SIGTERM");
        await waitForExit(pid, "the provider sent SIGTERM after the malformed messages", LIMIT_MS);
    });
});
