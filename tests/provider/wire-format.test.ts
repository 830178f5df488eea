import { strict as assert } from "node:assert";
import {
    asSecret,
    containsSecret,
    containsUnknown,
    isSecretEnvelope,
    keepSecret,
    revealProps,
    SECRET_SIG,
    secretNames,
    SPECIAL_SIG_KEY,
    UNKNOWN_VALUE,
    unknownNames,
} from "../../provider/wire-format";

describe("the engine's wire form of values (provider/wire-format.ts)", () => {
    it("writes a secret as the engine's envelope, and recognizes only that", () => {
        assert.deepEqual(asSecret("x"), { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "x" });
        assert.ok(isSecretEnvelope(asSecret(1)));
        for (const value of [null, "x", { value: 1 }, { [SPECIAL_SIG_KEY]: "another signature", value: 1 }]) assert.equal(isSecretEnvelope(value), false);
    });

    it("reveals secrets at any depth, leaving the rest as it is", () => {
        const props = { a: asSecret({ b: [asSecret("deep"), 2] }), c: "plain" };
        assert.deepEqual(revealProps(props), { a: { b: ["deep", 2] }, c: "plain" });
    });

    it("copies only the lists and objects on the way to a secret, and leaves the input as it was", () => {
        const listing = [{ contactId: "c-a", target: "t" }];
        const props = { verifications: listing, nested: { list: [1, asSecret("x")], plain: { p: 1 } }, secret: asSecret({ q: 2 }) };
        const before = JSON.stringify(props);
        const revealed = revealProps(props) as typeof props & { nested: { list: unknown[]; plain: object }; secret: object };
        assert.deepEqual(revealed, { verifications: listing, nested: { list: [1, "x"], plain: { p: 1 } }, secret: { q: 2 } });
        assert.equal(revealed.verifications, listing, "a list holding no secret is not copied");
        assert.equal(revealed.nested.plain, props.nested.plain);
        assert.equal(revealed.secret, (props.secret as { value: object }).value);
        assert.notEqual(revealed.nested, props.nested);
        assert.equal(JSON.stringify(props), before);
        const parsed = JSON.parse(
            '{"__proto__": {"k": "v"}, "s": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": 1}}',
        ) as object;
        assert.deepEqual(Object.keys(revealProps(parsed as never)), ["__proto__", "s"], "a __proto__ key stays a key");
    });

    it("names the properties that are or hold a secret, or an unknown value", () => {
        const props = { top: asSecret(1), nested: { list: [asSecret(2)] }, plain: "x", unknown: UNKNOWN_VALUE, holds: [UNKNOWN_VALUE] };
        assert.deepEqual(secretNames(props), ["top", "nested"]);
        assert.deepEqual(unknownNames(props), ["unknown", "holds"]);
        assert.ok(containsSecret([{ x: asSecret(1) }]) && !containsSecret({ x: 1 }));
        assert.ok(containsUnknown({ x: [UNKNOWN_VALUE] }) && !containsUnknown({ x: "04da6b54" }));
    });

    it("keeps the named properties secret, wrapping each once", () => {
        const kept = keepSecret({ a: 1, b: asSecret(2), c: 3 }, ["a", "b", "missing"]);
        assert.deepEqual(kept, { a: asSecret(1), b: asSecret(2), c: 3 });
    });
});
