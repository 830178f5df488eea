import { strict as assert } from "node:assert";
import { Emulator, startEmulator, Verification } from "../../emulator";
import { call, expectError, expectPage, send, signCall, waitFor } from "./client";

const CONTACT = "c-abc123";
const list: Verification[] = Array.from({ length: 25 }, (_, i) => ({
    contactId: CONTACT,
    target: `139****${String(i).padStart(4, "0")}`,
}));
const page = (n: number) => ({ query: { PageNumber: String(n), PageSize: "10" } });

describe("emulator: faults", () => {
    let emulator: Emulator;

    beforeEach(async () => {
        emulator = await startEmulator({ verifications: list });
    });
    afterEach(() => emulator.close());

    it("error: answers the given status and code once, then recovers", async () => {
        emulator.inject({ fault: { kind: "error", status: 503, code: "ServiceUnavailable" } });
        const error = expectError(await call(emulator), 503, "ServiceUnavailable");
        assert.equal(error.Message, "The request has failed due to a temporary failure of the server.");
        expectPage(await call(emulator));
        assert.deepEqual(
            emulator.requests.map((r) => r.faults),
            [["error"], []],
        );
    });

    it("error: sends x-acs-retry-after and a custom message when given", async () => {
        emulator.inject({ fault: { kind: "error", status: 400, code: "Throttling", message: "slow down", retryAfterMs: 1500 } });
        const reply = await call(emulator);
        assert.equal(expectError(reply, 400, "Throttling").Message, "slow down");
        assert.equal(reply.headers["x-acs-retry-after"], "1500");
    });

    it("applies a rule `times` times, or forever with Infinity, until cleared", async () => {
        emulator.inject({ fault: { kind: "error", status: 500, code: "InternalError" }, times: 2 });
        expectError(await call(emulator), 500, "InternalError");
        expectError(await call(emulator), 500, "InternalError");
        expectPage(await call(emulator));
        emulator.inject({ fault: { kind: "error", status: 500, code: "InternalError" }, times: Infinity });
        for (let i = 0; i < 5; i++) expectError(await call(emulator), 500, "InternalError");
        emulator.clearFaults();
        expectPage(await call(emulator));
    });

    it("matches on pageNumber and action only", async () => {
        emulator.inject({ fault: { kind: "error", status: 500, code: "InternalError" }, match: { pageNumber: 2 } });
        emulator.inject({ fault: { kind: "error", status: 500, code: "Other" }, match: { action: "SomethingElse" } });
        expectPage(await call(emulator, page(1)));
        expectPage(await call(emulator, page(3)));
        expectError(await call(emulator, page(2)), 500, "InternalError");
        expectPage(await call(emulator, page(2)));
    });

    it("is applied after the signature check and does not consume on rejected requests", async () => {
        emulator.inject({ fault: { kind: "error", status: 500, code: "InternalError" } });
        const badKey = { ...emulator.account, accessKeySecret: "wrong" };
        expectError(await call(emulator, { key: badKey }), 400, "SignatureDoesNotMatch");
        expectError(await call(emulator), 500, "InternalError");
    });

    it("reset: drops the connection without an answer", async () => {
        emulator.inject({ fault: { kind: "reset" } });
        await assert.rejects(call(emulator), (error: Error & { code?: string }) => {
            assert.ok(["UND_ERR_SOCKET", "ECONNRESET"].includes(error.code ?? ""), `unexpected ${error.code}: ${error.message}`);
            return true;
        });
        assert.equal(emulator.requests.at(-1)?.status, undefined);
        expectPage(await call(emulator));
    });

    it("body: answers a raw malformed body with the given status and content type", async () => {
        const html = "<html><body>502 Bad Gateway</body></html>";
        emulator.inject({ fault: { kind: "body", body: html, status: 502, contentType: "text/html" } });
        emulator.inject({ fault: { kind: "body", body: '{"RequestId":"x","TotalCount":' } });
        emulator.inject({ fault: { kind: "body", body: '{"Items":[]}' } });
        const first = await call(emulator);
        assert.equal(first.status, 502);
        assert.equal(first.text, html);
        assert.equal(first.headers["content-type"], "text/html");
        const second = await call(emulator);
        assert.equal(second.status, 200);
        assert.equal(second.json, undefined, "truncated JSON must not parse");
        const third = await call(emulator);
        assert.deepEqual(third.json, { Items: [] });
    });

    it("body: a content type that is not a valid header value drops the connection instead of crashing", async () => {
        emulator.inject({ fault: { kind: "body", body: "x", contentType: "text/html\r\nx-evil: 1" } });
        await assert.rejects(call(emulator));
        expectPage(await call(emulator));
    });

    it("truncate: announces more bytes than it sends, then closes", async () => {
        emulator.inject({ fault: { kind: "truncate" } });
        const response = await send(emulator, signCall(emulator));
        assert.equal(response.statusCode, 200);
        const announced = Number(response.headers["content-length"]);
        assert.ok(announced > 0);
        await assert.rejects(response.body.text());
        expectPage(await call(emulator));
    });

    it("delay: waits, then answers normally", async () => {
        emulator.inject({ fault: { kind: "delay", ms: 80 } });
        const started = Date.now();
        expectPage(await call(emulator));
        assert.ok(Date.now() - started >= 75, "answered too soon");
    });

    it("mutate: changes the data before serving, modelling a change between pages", async () => {
        const extra = { contactId: CONTACT, target: "new***@example.com" };
        emulator.inject({ fault: { kind: "mutate", apply: (items) => [extra, ...items] }, match: { pageNumber: 2 } });
        const first = expectPage(await call(emulator, page(1)));
        const second = expectPage(await call(emulator, page(2)));
        assert.equal(first.TotalCount, 25);
        assert.equal(second.TotalCount, 26);
        // The last item of page 1 shifted onto page 2.
        assert.deepEqual(second.ContactVerifications[0], first.ContactVerifications[9]);
        assert.equal(emulator.verifications()[0]?.target, extra.target);
    });

    it("combines pass-through faults with the one that ends the request", async () => {
        emulator.inject({ fault: { kind: "mutate", apply: () => [] } });
        emulator.inject({ fault: { kind: "error", status: 500, code: "InternalError" } });
        emulator.inject({ fault: { kind: "error", status: 503, code: "ServiceUnavailable" } });
        expectError(await call(emulator), 500, "InternalError");
        assert.deepEqual(emulator.requests.at(-1)?.faults, ["mutate", "error"]);
        expectError(await call(emulator), 503, "ServiceUnavailable");
        assert.equal(expectPage(await call(emulator)).TotalCount, 0);
    });

    it("mutate: a bad replacement answers 500 InternalError", async () => {
        emulator.inject({ fault: { kind: "mutate", apply: () => [{ contactId: "bad", target: "" }] } });
        expectError(await call(emulator), 500, "InternalError");
        assert.equal(emulator.verifications().length, 25);
    });

    it("hang: never answers until the emulator closes", async () => {
        emulator.inject({ fault: { kind: "hang" } });
        const pending = call(emulator);
        let settled = false;
        void pending.then(
            () => (settled = true),
            () => (settled = true),
        );
        await waitFor(() => emulator.requests.some((r) => r.faults.includes("hang")));
        // Another request is still answered while the first one hangs.
        expectPage(await call(emulator));
        assert.equal(settled, false);
        await emulator.close();
        await assert.rejects(pending);
    });

    it("refuses malformed rules", () => {
        assert.throws(() => emulator.inject({ fault: { kind: "error", status: 42, code: "X" } }), RangeError);
        assert.throws(() => emulator.inject({ fault: { kind: "delay", ms: -1 } }), RangeError);
        assert.throws(() => emulator.inject({ fault: { kind: "reset" }, times: 0 }), RangeError);
        assert.throws(() => emulator.inject({ fault: { kind: "reset" }, times: 1.5 }), RangeError);
    });
});
