/**
 * The provider block read (provider/terraform/provider-config.ts), in process: a field of a block is checked by
 * the same rule and worded by the same words as every option (no third validator of its own), and the settings
 * whose values are not known yet are left to the shared reader.
 */
import { strict as assert } from "node:assert";
import { UNKNOWN } from "../../provider/terraform/cty-msgpack";
import { readProviderConfig } from "../../provider/terraform/provider-config";

const ROLE = { role_arn: "acs:ram::1:role/r", session_name: null, session_expiration: null, external_id: null, policy: null };

describe("the provider block read", () => {
    it("words a block's field as any option is worded: the attribute path, what is accepted, the value as options show it", () => {
        const { diagnostics } = readProviderConfig({ assume_role: { ...ROLE, role_arn: "", session_expiration: 5 } });
        const byPath = Object.fromEntries(
            diagnostics.map((d) => [d.attribute?.steps.map((s) => ("attributeName" in s ? s.attributeName : "?")).join("."), d.detail]),
        );
        assert.deepEqual(byPath, {
            "assume_role.role_arn": 'provider attribute assume_role.role_arn must be a non-empty string; got "".',
            "assume_role.session_expiration": "provider attribute assume_role.session_expiration must be an integer from 900 to 43200; got 5.",
        });
        // The same words as a top-level option of the same rule.
        const profile = readProviderConfig({ profile: 5 }).diagnostics[0]?.detail;
        assert.equal(profile, "provider attribute profile must be a non-empty string; got 5.");
    });

    it("a valid block becomes the setting's object", () => {
        const { settings, diagnostics } = readProviderConfig({ assume_role: { ...ROLE, session_expiration: "900" } });
        assert.deepEqual(diagnostics, []);
        assert.deepEqual(settings.assumeRole, { roleArn: ROLE.role_arn, sessionExpiration: 900 });
    });

    it("half a key pair whose other half is unknown is no problem yet, and nothing unknown is kept", () => {
        const pending = readProviderConfig({ access_key: UNKNOWN, secret_key: "a-secret" });
        assert.deepEqual(pending.diagnostics, []);
        assert.deepEqual(pending.unknownAttributes, ["access_key"]);
        assert.equal(pending.settings.accessKeyId, undefined);
        const half = readProviderConfig({ secret_key: "a-secret" });
        assert.deepEqual(
            half.diagnostics.map((d) => d.attribute?.steps.map((s) => ("attributeName" in s ? s.attributeName : "?"))),
            [["access_key"]],
        );
    });
});
