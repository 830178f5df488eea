/** Durations as Terraform users write them in `timeouts { read }` (Go's `time.ParseDuration` syntax). */
import { strict as assert } from "node:assert";
import { parseDuration } from "../../provider/terraform/duration";

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

    it("refuses what is not a duration", () => {
        for (const text of ["", "5", "2 minutes", "5 m", "1d", "-5m", "m", "5mm", "1h 30m"]) assert.equal(parseDuration(text), undefined, text);
    });
});
