import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, listMessageContactVerifications } from "../../provider/alibaba-client";
import { needsRefresh } from "../../provider/alibaba-client/credentials/assume-role-provider";
import { readStackConfig } from "../../provider/dynamic/stack-config";
import { useEmulator, verifications } from "../support/emulator-fixture";

const ROLE = "acs:ram::123456789012:role/pulumi-reader";

describe("alicloud:assumeRole", () => {
    it("renews within 15 minutes of expiry, or in the last quarter of a short session (pure)", () => {
        const hour = 3600_000;
        assert.equal(needsRefresh(0, hour, hour - 16 * 60_000), false);
        assert.equal(needsRefresh(0, hour, hour - 15 * 60_000), true);
        assert.equal(needsRefresh(0, 4000, 2999), false);
        assert.equal(needsRefresh(0, 4000, 3000), true);
    });

    describe("against the emulator's STS", () => {
        const fixture = useEmulator({ roles: [ROLE], verifications: verifications(400), stsCredentialLifetimeMs: 2500, latencyMs: 40 });
        const stack = () => {
            const e = fixture.emulator;
            const config: Record<string, string> = {
                "alicloud:accessKey": e.account.accessKeyId,
                "alicloud:secretKey": e.account.accessKeySecret,
                "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE, sessionName: "pulumi-test", sessionExpiration: 900 }),
            };
            return readStackConfig((k) => config[k]);
        };

        it("lists with the role's temporary credentials, calling AssumeRole once for a short listing", async () => {
            const e = fixture.emulator;
            const issuedBefore = e.issuedCredentials.length;
            const listing = await listMessageContactVerifications({ endpoint: e.url, stsEndpoint: e.url, settings: stack(), pageSize: 100 });
            assert.equal(listing.totalCount, 400);
            const issued = e.issuedCredentials.slice(issuedBefore);
            assert.equal(issued.length, 1);
            assert.equal(issued[0]?.roleArn, ROLE);
            assert.equal(issued[0]?.roleSessionName, "pulumi-test");
            const listCalls = e.requests.filter((r) => r.action === "ListMessageContactVerifications");
            assert.ok(listCalls.every((r) => r.headers.authorization?.includes(`Credential=${issued[0]?.accessKeyId},`) && r.headers["x-acs-security-token"]));
            const sts = e.requests.filter((r) => r.action === "AssumeRole");
            assert.equal(sts[0]?.query.DurationSeconds, "900");
        });

        it("renews the temporary credentials in the middle of a long listing", async () => {
            const e = fixture.emulator;
            const issuedBefore = e.issuedCredentials.length;
            // 80 pages, one at a time, 40 ms each: about 3.2 s, longer than the 2.5 s credentials live.
            const listing = await listMessageContactVerifications({ endpoint: e.url, stsEndpoint: e.url, settings: stack(), pageSize: 5, concurrency: 1 });
            assert.equal(listing.totalCount, 400);
            assert.ok(e.issuedCredentials.length - issuedBefore >= 2, "AssumeRole was called again during the listing");
            assert.equal(e.requests.filter((r) => r.errorCode === "InvalidSecurityToken.Expired").length, 0, "no request went out with expired credentials");
        });

        it("reports an AssumeRole failure as the typed error naming AssumeRole", async () => {
            const e = fixture.emulator;
            const config: Record<string, string> = {
                "alicloud:accessKey": e.account.accessKeyId,
                "alicloud:secretKey": e.account.accessKeySecret,
                "alicloud:assumeRole": JSON.stringify({ roleArn: "acs:ram::123456789012:role/unknown" }),
            };
            await assert.rejects(
                listMessageContactVerifications({ endpoint: e.url, stsEndpoint: e.url, settings: readStackConfig((k) => config[k]) }),
                (err: unknown) => err instanceof AlibabaCloudApiError && err.operation === "AssumeRole" && err.code === "EntityNotExist.Role",
            );
            assert.equal(e.requests.filter((r) => r.action === "ListMessageContactVerifications").length, 0);
        });
    });
});
