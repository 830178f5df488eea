import { strict as assert } from "node:assert";
import { getMessageContactVerifications } from "../../sdk";
import { useEmulator, verifications } from "../support/emulator-fixture";

describe("a service that allows R requests per second", () => {
    const R = 40;
    const fixture = useEmulator({ rateLimit: { requestsPerSecond: R }, verifications: verifications(800) });

    it("lists every page without error and without hammering (at most one throttled answer per page)", async () => {
        const seeded = fixture.emulator.verifications();
        const result = await getMessageContactVerifications(fixture.client({ pageSize: 10, concurrency: 8 }));
        assert.deepEqual(result.verifications, seeded);
        const pages = 80;
        const throttled = fixture.emulator.requests.filter((r) => r.errorCode === "Throttling.User").length;
        const accepted = fixture.emulator.requests.filter((r) => r.status === 200).length;
        assert.equal(accepted, pages);
        assert.ok(throttled <= pages, `${throttled} throttled answers for ${pages} pages`);
    });
});
