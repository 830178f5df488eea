/**
 * The provider's tfplugin6 decoder against protobuf-go itself: `protobuf-go-oracle/` (built and cached like the
 * engine tests' other Go programs) decodes with terraform-plugin-go's generated types, as a Go provider does. On
 * the hostile probes, and on 20,000 fuzz inputs of the request messages (which the provider decodes, and whose
 * every upstream field the descriptor has), both must accept the same inputs, decoding the same values (compared
 * as protojson), and refuse the same ones, for the same kind of reason: only our tighter depth bound may refuse
 * what protobuf-go accepts.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { cachedGoBuild } from "../../engine/cached-go-build";
import type { MessageName } from "../../provider/terraform/tfplugin6-messages";
import { TFPLUGIN6_FUZZ_INPUTS } from "../fuzz/tfplugin6-codec.fuzz";
import { TFPLUGIN6_DESCRIPTOR } from "../../provider/terraform/tfplugin6-descriptor";
import { runInWorker } from "../support/bounded-worker";
import type { DecodeOutcome } from "../support/decode-entry";
import { WIRE_PROBES } from "../support/wire-probes";

/** An input, as both decode it. */
interface Input {
    message: MessageName;
    bytes: Uint8Array;
}

/** protobuf-go's answers, one per input: "ok" or its error (its "proto:" prefix's space may be a no-break space). */
function oracle(inputs: readonly Input[]): string[] {
    const { path } = cachedGoBuild({ moduleDir: join(__dirname, "protobuf-go-oracle"), name: "protobuf-go-oracle" });
    const stdin = inputs.map((input) => `${input.message} ${Buffer.from(input.bytes).toString("hex")}\n`).join("");
    const run = spawnSync(path, [], { input: stdin, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout
        .replace(/\u00a0/g, " ")
        .trimEnd()
        .split("\n");
    assert.equal(lines.length, inputs.length);
    return lines;
}

/** A field as the descriptor writes it. */
interface OurField {
    type: string;
    ref?: string;
    repeated?: boolean;
    map?: boolean;
    oneof?: string;
}

/**
 * A decoded message as protobuf-go's protojson writes it: int64 as a string, bytes in base64, enums by name, and
 * fields at their zero value left out (but for members of a oneof, which have presence).
 */
function protojsonOf(message: string, value: Record<string, unknown>): Record<string, unknown> {
    const fields = (TFPLUGIN6_DESCRIPTOR.messages as Readonly<Record<string, Readonly<Record<string, OurField>>>>)[message] ?? {};
    const one = (field: OurField, item: unknown): unknown => {
        if (field.type === "message") return protojsonOf(field.ref as string, item as Record<string, unknown>);
        if (field.type === "int64") return String(item);
        if (field.type === "bytes") return Buffer.from(item as Uint8Array).toString("base64");
        return item;
    };
    const enums = TFPLUGIN6_DESCRIPTOR.enums as Readonly<Record<string, Readonly<Record<string, number>>>>;
    const zero = (field: OurField, item: unknown): boolean => {
        if (field.type === "message") return false;
        if (field.type === "enum") return item === 0 || enums[field.ref as string]?.[item as string] === 0;
        return item === false || item === 0 || item === "" || (item instanceof Uint8Array && item.length === 0);
    };
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(fields)) {
        const item = value[name];
        if (item === undefined) continue;
        if (field.map) out[name] = Object.fromEntries(Object.entries(item as object).map(([key, entry]) => [key, one(field, entry)]));
        else if (field.repeated) out[name] = (item as unknown[]).map((element) => one(field, element));
        else if (field.oneof || !zero(field, item)) out[name] = one(field, item);
    }
    return out;
}

/**
 * Ours, one per input: "ok <the decoded message as protojson>", or the WireFormatError's message; decoded in a
 * worker bounded in time and heap, so that a decoder that hangs fails the test. Anything but a WireFormatError
 * fails it too.
 */
async function ours(inputs: readonly Input[]): Promise<string[]> {
    const outcomes = await runInWorker<DecodeOutcome[]>(
        join(__dirname, "..", "support", "decode-entry.ts"),
        "decodeEachTfplugin6",
        inputs.map((input) => ({ message: input.message, hex: Buffer.from(input.bytes).toString("hex") })),
        { timeMs: 120_000, heapMb: 512 },
    );
    return outcomes.map((outcome, index) => {
        if (outcome.decoded) return `ok ${JSON.stringify(protojsonOf((inputs[index] as Input).message, outcome.value))}`;
        assert.equal(outcome.errorName, "WireFormatError", outcome.message);
        return outcome.message;
    });
}

/** protobuf-go's answer with its JSON parsed and written again (protojson's spacing varies on purpose). */
function normalized(answer: string): string {
    return answer.startsWith("ok ") ? `ok ${JSON.stringify(JSON.parse(answer.slice(3)))}` : answer;
}

/** Whether two "ok <json>" answers hold the same JSON (its keys in any order). */
function sameJson(go: string, we: string): boolean {
    if (!we.startsWith("ok ")) return false;
    try {
        assert.deepEqual(JSON.parse(we.slice(3)), JSON.parse(go.slice(3)));
        return true;
    } catch {
        return false;
    }
}

/**
 * The disagreements: where one accepts and the other refuses, both accept but decode different values, or both
 * refuse for different kinds of reason.
 */
async function disagreements(inputs: readonly Input[]): Promise<string[]> {
    const theirs = oracle(inputs);
    const mine = await ours(inputs);
    return inputs.flatMap((input, index) => {
        const go = normalized(theirs[index] as string);
        const we = mine[index] as string;
        const weRefuseDepth = /nest deeper than/.test(we);
        // Both refusing is agreement, for the same kind of reason (invalid UTF-8 or not), unless ours is the depth bound,
        // which may stop us before what protobuf-go refuses for.
        const agree = go.startsWith("ok")
            ? sameJson(go, we) || weRefuseDepth
            : we !== "ok" && (weRefuseDepth || /invalid UTF-8/.test(go) === /invalid UTF-8/.test(we));
        return agree ? [] : [`${input.message} ${Buffer.from(input.bytes).toString("hex").slice(0, 120)}: protobuf-go ${go}; ours ${we}`];
    });
}

describe("the tfplugin6 decoder against protobuf-go (terraform-plugin-go's generated types)", function () {
    this.timeout(600_000);

    it("agrees on every hostile probe", async () => {
        assert.deepEqual(await disagreements(WIRE_PROBES.map((probe) => ({ message: probe.message, bytes: probe.bytes }))), []);
    });

    it("agrees on fields that come twice: a message merged, a scalar's last value kept", async () => {
        const twice: Input[] = [
            { message: "ReadDataSource.Request", bytes: Buffer.from("12030a0101" + "1203120102", "hex") },
            { message: "ReadDataSource.Request", bytes: Buffer.from("0a0161" + "0a0162", "hex") },
            { message: "ConfigureProvider.Request", bytes: Buffer.from("1a020801" + "1a021001", "hex") },
            { message: "ConfigureProvider.Request", bytes: Buffer.from("1a020801" + "1a020800", "hex") },
        ];
        assert.deepEqual(await disagreements(twice), []);
    });

    it("the probes' recorded answers are protobuf-go's", () => {
        const answers = oracle(WIRE_PROBES.map((probe) => ({ message: probe.message, bytes: probe.bytes })));
        WIRE_PROBES.forEach((probe, index) => {
            const answer = answers[index] as string;
            if (probe.protobufGo === "accepts") assert.ok(answer.startsWith("ok "), `${probe.what}: ${answer}`);
            else assert.equal(answer, `error: ${probe.protobufGo}`, probe.what);
        });
    });

    it("agrees on 20,000 fuzz inputs of the request messages (seed 24)", async () => {
        const requests = TFPLUGIN6_FUZZ_INPUTS.filter((input) => input.label.endsWith(".Request"));
        const inputs = fc.sample(requests, { numRuns: 20_000, seed: 24 }).map((input) => ({ message: input.label as MessageName, bytes: input.bytes }));
        const outcomes = new Set((await ours(inputs)).map((outcome) => (outcome.startsWith("ok") ? "ok" : "refused")));
        assert.deepEqual([...outcomes].sort(), ["ok", "refused"], "the inputs reach both outcomes");
        assert.deepEqual((await disagreements(inputs)).slice(0, 20), []);
    });
});
