import { strict as assert } from "node:assert";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONTACT_ID_PATTERN, demoVerifications, loadSeedFile, startEmulator } from "../../emulator";
import { call, expectPage } from "./client";

describe("emulator: seed files", () => {
    let dir: string;
    const file = async (name: string, text: string) => {
        const path = join(dir, name);
        await writeFile(path, text);
        return path;
    };

    before(async () => {
        dir = await mkdtemp(join(tmpdir(), "emulator-seed-"));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it("loads verifications, contacts and accounts, and an emulator serves them", async () => {
        const path = await file(
            "good.json",
            JSON.stringify({
                verifications: [
                    { ContactId: "c-qL4HqKONzOM7ab", Target: "someone***@example.com" },
                    { ContactId: "c-qL4HqKONzOM7ab", Target: "138****0000" },
                ],
                contacts: ["c-idle"],
                accounts: [{ AccessKeyId: "seed-ak", AccessKeySecret: "seed-sk", SecurityToken: "seed-token" }],
            }),
        );
        const seed = await loadSeedFile(path);
        assert.deepEqual(seed, {
            verifications: [
                { contactId: "c-qL4HqKONzOM7ab", target: "someone***@example.com" },
                { contactId: "c-qL4HqKONzOM7ab", target: "138****0000" },
            ],
            contacts: ["c-idle"],
            accounts: [{ accessKeyId: "seed-ak", accessKeySecret: "seed-sk", securityToken: "seed-token" }],
        });
        const emulator = await startEmulator(seed);
        try {
            assert.equal(emulator.account.accessKeyId, "seed-ak");
            assert.equal(expectPage(await call(emulator)).TotalCount, 2);
            assert.equal(expectPage(await call(emulator, { query: { ContactId: "c-idle" } })).TotalCount, 0);
        } finally {
            await emulator.close();
        }
    });

    it("leaves accounts out when the file has none", async () => {
        const seed = await loadSeedFile(await file("minimal.json", '{"verifications": []}'));
        assert.deepEqual(seed, { verifications: [], contacts: [] });
    });

    const bad: [string, string, RegExp][] = [
        ["a bad ContactId", '{"verifications":[{"ContactId":"x-1","Target":"t"}]}', /verifications\[0\]\.ContactId must be c- followed/],
        ["an empty Target", '{"verifications":[{"ContactId":"c-1","Target":""}]}', /verifications\[0\]\.Target/],
        ["a missing verifications list", '{"contacts":[]}', /verifications/],
        ["a misspelt field", '{"verifications":[],"Contacts":[]}', /Contacts/],
        ["a camelCase item", '{"verifications":[{"contactId":"c-1","target":"t"}]}', /verifications\[0\]/],
        ["a repeated pair", '{"verifications":[{"ContactId":"c-1","Target":"t"},{"ContactId":"c-1","Target":"t"}]}', /verifications\[1\] repeats/],
        ["an account without a secret", '{"verifications":[],"accounts":[{"AccessKeyId":"a"}]}', /accounts\[0\]\.AccessKeySecret/],
        ["an empty account list", '{"verifications":[],"accounts":[]}', /accounts/],
        ["a bad contact", '{"verifications":[],"contacts":["nope"]}', /contacts\[0\]/],
        ["not JSON", "{verifications: []", /is not valid JSON/],
        ["not an object", "[]", /\(root\)/],
    ];
    for (const [what, text, pattern] of bad) {
        it(`refuses ${what}, naming the file and the field`, async () => {
            const path = await file("bad.json", text);
            await assert.rejects(loadSeedFile(path), (error: Error) => {
                assert.ok(error.message.includes(path), error.message);
                assert.match(error.message, pattern);
                return true;
            });
        });
    }

    it("refuses a missing file, naming it", async () => {
        const path = join(dir, "absent.json");
        await assert.rejects(loadSeedFile(path), new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} cannot be read`));
    });
});

describe("emulator: demo data", () => {
    it("is deterministic for a count and seed, and differs across seeds", () => {
        assert.deepEqual(demoVerifications(50), demoVerifications(50, 1));
        assert.deepEqual(demoVerifications(50, 7), demoVerifications(50, 7));
        assert.notDeepEqual(demoVerifications(50, 1), demoVerifications(50, 2));
    });

    it("has unique (contactId, target) pairs over a few well-formed contacts, even for large counts", () => {
        for (const count of [0, 1, 3, 10, 100, 20_000]) {
            const list = demoVerifications(count);
            assert.equal(list.length, count);
            assert.equal(new Set(list.map((v) => `${v.contactId}\n${v.target}`)).size, count);
            const contacts = new Set(list.map((v) => v.contactId));
            assert.ok(contacts.size === Math.min(count, Math.max(3, Math.ceil(count / 10)), 20), `${contacts.size} contacts for ${count}`);
            for (const id of contacts) assert.match(id, /^c-[A-Za-z0-9]{14}$/);
            assert.ok([...contacts].every((id) => CONTACT_ID_PATTERN.test(id)));
        }
    });

    it("masks targets as the service does", () => {
        for (const { target } of demoVerifications(200)) {
            assert.match(target, /^(1\d{2}\*{4}\d{4}|[a-z]{2,6}\*{3}@example\.(com|net|org))$/);
        }
        const kinds = new Set(demoVerifications(200).map((v) => (v.target.includes("@") ? "email" : "phone")));
        assert.deepEqual([...kinds].sort(), ["email", "phone"]);
    });

    it("refuses a bad count or seed", () => {
        assert.throws(() => demoVerifications(-1), RangeError);
        assert.throws(() => demoVerifications(1.5), RangeError);
        assert.throws(() => demoVerifications(2_000_000), RangeError);
        assert.throws(() => demoVerifications(3, 0.5), RangeError);
    });
});
