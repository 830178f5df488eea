/**
 * The wire format reader (`protobuf-wire.ts`) and the codec over it, against protobuf-go's answers to hostile and
 * borderline messages (`../support/wire-probes.ts`): the same accepted, the same refused (but for the two probes
 * past our tighter depth bound), each refusal a WireFormatError saying what and where.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { WireFormatError, WireReader } from "../../provider/terraform/protobuf-wire";
import { BoundedWorkerError, runInWorker } from "../support/bounded-worker";
import type { DecodeOutcome } from "../support/decode-entry";
import type { MessageName } from "../../provider/terraform/tfplugin6-messages";
import { WIRE_PROBES } from "../support/wire-probes";

/** The worker's entry points. */
const ENTRY = join(__dirname, "..", "support", "decode-entry.ts");

/** A decode's outcome, or that it did not end within the bound. */
type Outcome = DecodeOutcome | "hang";

/** Each input's outcome, decoded in workers: a batch that hangs is cut there, that input marked, the rest carried on. */
async function boundedOutcomes(inputs: { message: MessageName; hex: string }[]): Promise<Outcome[]> {
    const bounds = { timeMs: 15_000, heapMb: 256 };
    const outcomes: Outcome[] = [];
    while (outcomes.length < inputs.length) {
        const from = outcomes.length;
        const shared = new SharedArrayBuffer(4);
        try {
            outcomes.push(...(await runInWorker<DecodeOutcome[]>(ENTRY, "decodeEachTfplugin6", inputs.slice(from), bounds, shared)));
        } catch (error) {
            if (!(error instanceof BoundedWorkerError && error.reason === "hang")) throw error;
            const hung = from + Atomics.load(new Int32Array(shared), 0);
            if (hung > from) outcomes.push(...(await runInWorker<DecodeOutcome[]>(ENTRY, "decodeEachTfplugin6", inputs.slice(from, hung), bounds)));
            outcomes.push("hang");
        }
    }
    return outcomes;
}

/** The probes where we refuse what protobuf-go accepts, on purpose: nesting between our bound and its 10000. */
const DELIBERATELY_TIGHTER = ["unknown groups nested 100 deep (101 levels)", "schema blocks nested 49 levels (101 messages)"];

describe("protobuf wire format (protobuf-wire.ts): hostile messages", () => {
    it("reads a length as unsigned: a 10-byte varint that is -11 as int64 is a length past the end, not a step back", () => {
        const reader = new WireReader(Buffer.from("f5ffffffffffffffff01", "hex"));
        assert.throws(
            () => reader.lengthDelimited(),
            (error: unknown) =>
                error instanceof WireFormatError &&
                error.offset === 0 &&
                error.message === "a length of 18446744073709551605 bytes runs past the end of the message (0 bytes left) (at byte 0)",
        );
    });

    it("decodes the 11-byte GetProviderSchema request that hung the provider to a WireFormatError, within a bound (in a worker)", async function () {
        this.timeout(30_000);
        const outcome = await runInWorker<DecodeOutcome>(
            ENTRY,
            "decodeTfplugin6",
            { message: "GetProviderSchema.Request", hex: "7af5ffffffffffffffff01" },
            { timeMs: 15_000, heapMb: 128 },
        );
        assert.deepEqual(outcome, {
            decoded: false,
            errorName: "WireFormatError",
            message: "tfplugin6.GetProviderSchema.Request: a length of 18446744073709551605 bytes runs past the end of the message (0 bytes left) (at byte 1)",
        });
    });

    describe("each probe, decoded in a worker bounded in time and memory (a probe that hangs fails alone)", () => {
        let outcomes: Outcome[];
        before(async function () {
            this.timeout(120_000);
            outcomes = await boundedOutcomes(WIRE_PROBES.map((probe) => ({ message: probe.message, hex: probe.bytes.toString("hex") })));
        });

        WIRE_PROBES.forEach((probe, index) => {
            const accepts = probe.protobufGo === "accepts";
            it(`${probe.what}: protobuf-go ${accepts ? "accepts" : "refuses"} it; ${probe.ours ? "we refuse it, saying so" : "we accept it"}`, () => {
                const outcome = outcomes[index];
                if (probe.ours) {
                    assert.ok(outcome && outcome !== "hang" && !outcome.decoded, `refused: ${JSON.stringify(outcome)}`);
                    assert.equal(outcome.errorName, "WireFormatError");
                    assert.match(outcome.message, probe.ours);
                } else assert.ok(outcome !== "hang" && outcome?.decoded, `decoded: ${JSON.stringify(outcome)}`);
                const onPurpose = DELIBERATELY_TIGHTER.includes(probe.what);
                assert.equal(probe.ours !== undefined, !accepts || onPurpose, "we refuse exactly what protobuf-go refuses, and the deliberate few");
            });
        });
    });
});
