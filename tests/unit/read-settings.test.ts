/** `readSettings` (options/settings.ts): the one reader of every provider's settings, and what it does with values not known yet. */
import { strict as assert } from "node:assert";
import { Place, readSettings, SettingName } from "../../provider/alibaba-client";

const place = (name: SettingName): Place => ({ prefix: "setting ", key: name });

describe("readSettings and values not known yet", () => {
    it("half a key pair whose other half is not known yet is no problem yet; with both halves known it is", () => {
        const given: Partial<Record<SettingName, unknown>> = { accessKeyId: "LTAIknownHalf001" };
        const secretUnknown = (name: SettingName) => name === "accessKeySecret";
        assert.deepEqual(readSettings((name) => given[name], place, secretUnknown).problems, []);
        const known = readSettings((name) => given[name], place).problems;
        assert.deepEqual(
            known.map((p) => [p.option, p.message]),
            [["accessKeySecret", "setting accessKeySecret is missing: set setting accessKeyId/accessKeySecret together, or neither."]],
        );
    });

    it("a setting not known yet is neither read nor checked nor kept", () => {
        const read: SettingName[] = [];
        const { settings, problems } = readSettings(
            (name) => {
                read.push(name);
                return name === "region" ? "bad region" : undefined;
            },
            place,
            (name) => name === "region",
        );
        assert.deepEqual(problems, []);
        assert.deepEqual(settings, {});
        assert.ok(!read.includes("region"), "the unknown setting's placeholder is never read");
    });
});
