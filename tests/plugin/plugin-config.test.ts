/** The plugin's configuration reader (provider/plugin/plugin-config.ts), without a process: keys, values, problems. */
import { strict as assert } from "node:assert";
import { OPTION_DEFINITIONS, SETTING_NAMES } from "../../provider/alibaba-client";
import { PLUGIN_KEYS, pluginKeyOf, readPluginConfig, SECRET_PLUGIN_KEYS } from "../../provider/plugin/plugin-config";
import { UNKNOWN_VALUE } from "../../provider/wire-format";

describe("the plugin's configuration (plugin-config.ts)", () => {
    it("has one key per setting of the option table: the official providers' name, else the option's", () => {
        assert.equal(PLUGIN_KEYS.size, SETTING_NAMES.length);
        assert.equal(pluginKeyOf("accessKeyId"), "accessKey");
        assert.equal(pluginKeyOf("accessKeySecret"), "secretKey");
        assert.equal(pluginKeyOf("concurrency"), "concurrency");
        assert.deepEqual([...SECRET_PLUGIN_KEYS].sort(), ["accessKey", "secretKey", "securityToken"], "every secret setting of the table, and only those");
        for (const [key, name] of PLUGIN_KEYS) assert.equal(pluginKeyOf(name), key, `${key} maps back`);
        assert.ok(SETTING_NAMES.every((name) => OPTION_DEFINITIONS[name].places.setting !== undefined));
    });

    it("reads text and typed values into settings of the rule's type", () => {
        const { settings, failures, unknownKeys } = readPluginConfig({
            concurrency: "8",
            maxAttempts: 3,
            region: "ap-southeast-1",
            assumeRole: '{"roleArn":"acs:ram::1:role/r","sessionExpiration":"900"}',
            endpoints: [{ sts: "sts.example" }, { resourcemanager: "rm.example" }],
            accessKey: "id",
            secretKey: "secret",
        });
        assert.deepEqual(failures, []);
        assert.deepEqual(unknownKeys, []);
        assert.deepEqual(settings, {
            concurrency: 8,
            maxAttempts: 3,
            region: "ap-southeast-1",
            assumeRole: { roleArn: "acs:ram::1:role/r", sessionExpiration: 900 },
            endpoints: { sts: "sts.example", resourcemanager: "rm.example" },
            accessKeyId: "id",
            accessKeySecret: "secret",
        });
    });

    it("refuses each bad value by its key with what is accepted, an unknown key with the valid ones, and half a key pair", () => {
        const { failures } = readPluginConfig({ concurrency: "99", regoin: "x", accessKey: "id", assumeRole: "{", endpointType: "private" });
        const byProperty = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
        assert.deepEqual(Object.keys(byProperty).sort(), ["assumeRole", "concurrency", "endpointType", "regoin", "secretKey"]);
        assert.match(byProperty.concurrency ?? "", /^alicloud-message-contacts:concurrency must be an integer from 1 to 32; got 99\.$/);
        assert.match(byProperty.regoin ?? "", /is not a setting of alicloud-message-contacts; the settings are .*region/);
        assert.match(
            byProperty.secretKey ?? "",
            /alicloud-message-contacts:secretKey is missing: set alicloud-message-contacts:accessKey\/alicloud-message-contacts:secretKey together/,
        );
        assert.match(byProperty.assumeRole ?? "", /not valid JSON/);
        assert.match(byProperty.endpointType ?? "", /"public" or "vpc"/);
    });

    it("leaves unknown values (preview) unread and unchecked, and says which keys they are", () => {
        const { settings, failures, unknownKeys } = readPluginConfig({
            endpoint: UNKNOWN_VALUE,
            accessKey: "id",
            secretKey: UNKNOWN_VALUE,
            region: "cn-hangzhou",
        });
        assert.deepEqual(failures, [], "half a key pair whose other half is unknown is not a problem yet");
        assert.deepEqual(unknownKeys.sort(), ["endpoint", "secretKey"]);
        assert.equal(settings.endpoint, undefined);
        assert.equal(settings.region, "cn-hangzhou");
    });
});
