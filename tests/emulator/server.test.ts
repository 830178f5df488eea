import { strict as assert } from "node:assert";
import { Agent, request as httpRequest } from "node:http";
import { Agent as UndiciAgent } from "undici";
import { Emulator, startEmulator } from "../../emulator";
import { ACTION, call, expectError, expectPage, readReply, send, signCall, waitFor } from "./client";

const CONTACT = "c-abc123";

describe("emulator: server", () => {
    let emulator: Emulator;

    beforeEach(async () => {
        emulator = await startEmulator({ verifications: [{ contactId: CONTACT, target: "138****0000" }] });
    });
    afterEach(() => emulator.close());

    it("listens on 127.0.0.1 on a free port and describes itself", () => {
        assert.ok(emulator.port > 0);
        assert.equal(emulator.host, `127.0.0.1:${emulator.port}`);
        assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
        assert.deepEqual(emulator.account, { accessKeyId: "emulator-access-key-id", accessKeySecret: "emulator-access-key-secret" });
    });

    it("answers JSON with a fresh upper-case RequestId, echoed in x-acs-request-id", async () => {
        const first = await call(emulator);
        const second = await call(emulator);
        const a = expectPage(first);
        const b = expectPage(second);
        assert.notEqual(a.RequestId, b.RequestId);
        assert.equal(first.headers["x-acs-request-id"], a.RequestId);
        assert.match(first.headers["content-type"] ?? "", /^application\/json/);
    });

    it("renders errors as {RequestId, Code, Message, HostId, Recommend}", async () => {
        const reply = await call(emulator, { query: { ContactId: "bad" } });
        const error = expectError(reply, 400, "InvalidParameter.ContactId");
        assert.equal(error.HostId, emulator.host);
        assert.equal(
            error.Recommend,
            `https://api.aliyun.com/troubleshoot?q=InvalidParameter.ContactId&product=ResourceDirectoryMaster&requestId=${error.RequestId}`,
        );
    });

    it("answers 404 InvalidAction.NotFound to another method or path", async () => {
        expectError(await readReply(await send(emulator, signCall(emulator), { method: "GET" })), 404, "InvalidAction.NotFound");
        expectError(await readReply(await send(emulator, signCall(emulator), { path: "/other" })), 404, "InvalidAction.NotFound");
    });

    it("answers 404 InvalidAction.NotFound to an unknown action, once the signature holds", async () => {
        expectError(await call(emulator, { action: "DeleteEverything" }), 404, "InvalidAction.NotFound");
        expectError(await call(emulator, { action: "toString" }), 404, "InvalidAction.NotFound");
    });

    it("answers 400 InvalidVersion to another API version", async () => {
        expectError(await call(emulator, { version: "2020-03-31" }), 400, "InvalidVersion");
    });

    it("records every request: action, decoded query, lower-case headers, status, error code, time", async () => {
        emulator.resetRequests();
        const before = Date.now();
        await call(emulator, { query: { ContactId: CONTACT, Note: "a b" } });
        await call(emulator, { query: { ContactId: "c-unknown" } });
        assert.equal(emulator.requests.length, 2);
        const [ok, failed] = emulator.requests;
        assert.equal(ok?.action, ACTION);
        assert.equal(ok?.method, "POST");
        assert.equal(ok?.path, "/");
        assert.deepEqual(ok?.query, { ContactId: CONTACT, Note: "a b" });
        assert.equal(ok?.headers["x-acs-version"], "2022-04-19");
        assert.equal(ok?.status, 200);
        assert.equal(ok?.errorCode, undefined);
        assert.ok((ok?.time ?? 0) >= before);
        assert.equal(failed?.status, 404);
        assert.equal(failed?.errorCode, "EntityNotExists.Contact");
        emulator.resetRequests();
        assert.equal(emulator.requests.length, 0);
    });

    it("serves replaced verifications and hands out copies", async () => {
        emulator.setVerifications([
            { contactId: "c-new1", target: "a***@example.com" },
            { contactId: "c-new2", target: "b***@example.com" },
        ]);
        const copy = emulator.verifications();
        copy[0]!.target = "changed";
        copy.pop();
        assert.deepEqual(
            emulator.verifications().map((v) => v.target),
            ["a***@example.com", "b***@example.com"],
        );
        const page = expectPage(await call(emulator));
        assert.equal(page.TotalCount, 2);
        assert.throws(() => emulator.setVerifications([{ contactId: "nope", target: "x" }]), TypeError);
    });

    it("waits latencyMs before each answer", async () => {
        const slow = await startEmulator({ latencyMs: 60 });
        try {
            const started = Date.now();
            expectPage(await call(slow));
            assert.ok(Date.now() - started >= 55, "answered too soon");
        } finally {
            await slow.close();
        }
    });

    it("close() ends promptly with idle keep-alive sockets and a hanging request", async () => {
        const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
        const dispatcher = new UndiciAgent({ keepAliveTimeout: 60_000 });
        try {
            // An idle keep-alive socket from node:http.
            const status = await new Promise<number>((resolve, reject) => {
                const req = httpRequest(`${emulator.url}/`, { method: "POST", headers: signCall(emulator), agent }, (res) => {
                    res.resume();
                    res.on("end", () => resolve(res.statusCode ?? 0));
                });
                req.on("error", reject);
                req.end();
            });
            assert.equal(status, 200);
            // An idle keep-alive socket from undici, and a request that never gets an answer.
            expectPage(await call(emulator, { dispatcher }));
            emulator.inject({ fault: { kind: "hang" } });
            const hanging = call(emulator, { dispatcher });
            await waitFor(() => emulator.requests.some((r) => r.faults.includes("hang")));

            const started = Date.now();
            await emulator.close();
            assert.ok(Date.now() - started < 1000, `close() took ${Date.now() - started} ms`);
            await assert.rejects(hanging);
            await emulator.close(); // idempotent
        } finally {
            agent.destroy();
            await dispatcher.close();
        }
    });

    it("refuses a port already in use", async () => {
        await assert.rejects(startEmulator({ port: emulator.port }), /EADDRINUSE/);
    });
});
