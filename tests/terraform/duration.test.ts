/**
 * Durations as Terraform users write them in `timeouts { read }`: Go's `time.ParseDuration`, whose documented
 * units are ns, us, µs (U+00B5), μs (U+03BC), ms, s, m and h, with a sign, fractions, several units, and "0".
 * The expected values are Go's (its documentation's examples and its own test table); the engine tests also
 * compare the parser with Go's over a list of inputs.
 */
import { strict as assert } from "node:assert";
import { DURATION_UNITS, parseDuration, parseDurationNanoseconds } from "../../provider/terraform/duration";

describe("Terraform provider: timeouts durations", () => {
    it("reads Go's duration syntax, units combined", () => {
        assert.equal(parseDuration("30s"), 30_000);
        assert.equal(parseDuration("5m"), 300_000);
        assert.equal(parseDuration("1h30m"), 5_400_000);
        assert.equal(parseDuration("1.5h"), 5_400_000);
        assert.equal(parseDuration("500ms"), 500);
        assert.equal(parseDuration(".5s"), 500);
        assert.equal(parseDuration("2m3s"), 123_000);
    });

    it("has every unit Go documents: ns, us, µs (U+00B5), μs (U+03BC), ms, s, m, h", () => {
        assert.deepEqual([...DURATION_UNITS].sort(), ["h", "m", "ms", "ns", "s", "us", "\u00b5s", "\u03bcs"].sort());
        const expected: [string, bigint][] = [
            ["7ns", 7n],
            ["7us", 7_000n],
            ["7\u00b5s", 7_000n],
            ["7\u03bcs", 7_000n],
            ["7ms", 7_000_000n],
            ["7s", 7_000_000_000n],
            ["7m", 420_000_000_000n],
            ["7h", 25_200_000_000_000n],
        ];
        for (const [text, ns] of expected) assert.equal(parseDurationNanoseconds(text), ns, text);
        assert.equal(parseDuration("1500\u03bcs"), 2, "the Greek mu, rounded to the millisecond");
    });

    it("gives Go's values for its documented examples and its own test table", () => {
        const cases: [string, bigint][] = [
            ["300ms", 300_000_000n],
            ["-1.5h", -5_400_000_000_000n],
            ["2h45m", 9_900_000_000_000n],
            ["0", 0n],
            ["+0", 0n],
            ["-0", 0n],
            ["+5s", 5_000_000_000n],
            ["1.s", 1_000_000_000n],
            ["1.004s", 1_004_000_000n],
            ["100.00100s", 100_001_000_000n],
            ["1h15m30.918273645s", 4_530_918_273_645n],
            ["10.5s4m", 250_500_000_000n],
            ["-2m3.4s", -123_400_000_000n],
            ["39h9m14.425s", 140_954_425_000_000n],
            ["52763797000ns", 52_763_797_000n],
            ["0.3333333333333333333h", 1_200_000_000_000n],
            ["9007199254740993ns", 9_007_199_254_740_993n],
            ["9223372036854775807ns", 9_223_372_036_854_775_807n],
            ["9223372036854775.807us", 9_223_372_036_854_775_807n],
            ["-9223372036854775808ns", -9_223_372_036_854_775_808n],
            ["0.100000000000000000000h", 360_000_000_000n],
        ];
        for (const [text, ns] of cases) assert.equal(parseDurationNanoseconds(text), ns, text);
    });

    it("refuses what Go refuses", () => {
        const refused = [
            "",
            "3",
            "-",
            "s",
            ".",
            "-.",
            ".s",
            "+.s",
            "1d",
            "5 m",
            "2 minutes",
            "1h 30m",
            "m",
            "5mm",
            "3\u00b5",
            "9223372036854775808ns",
            "9223372036854775.808us",
            "-9223372036854775809ns",
            "3000000h",
            "\u00b5s",
            "１s",
        ];
        for (const text of refused) assert.equal(parseDurationNanoseconds(text), undefined, JSON.stringify(text));
    });
});
