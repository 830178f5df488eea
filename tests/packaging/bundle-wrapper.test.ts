/**
 * How the trained-code-cache executable compiles and runs its bundle (`bundle-wrapper.ts`), with this Node.js's
 * V8: the wrapper passes the CommonJS scope; a cache made after a run is accepted and holds the functions the run
 * compiled lazily (larger than one made before running); a refused cache is reported and the bundle still runs
 * alike; and the blob's configuration names the loader as main and the bundle and each side's cache as assets.
 */
import { strict as assert } from "node:assert";
import * as vm from "node:vm";
import { BUNDLE_ASSET, codeCacheAsset, compileBundle, ModuleScope, wrappedSource } from "../../packaging/bundle-wrapper";
import { NOTICES_ASSET, seaConfig } from "../../packaging/sea-executable";

/**
 * A bundle whose function bodies are compiled only when called, which reports what it was given; `tag` makes its
 * source its own (V8 shares the compiled functions of one source within a process).
 */
const bundleText = (tag: string) => `// ${tag}
function lazy(n) { let total = 0; for (let i = 0; i < n; i++) total += i * 2; return total; }
function other(text) { return text.split("").reverse().join(""); }
require("node:assert").ok(true);
exports.answer = [lazy(10), other(__filename), __dirname, typeof module];
`;

/** A scope whose exports collect the bundle's answer. */
function scope(): ModuleScope & { exports: { answer?: unknown } } {
    return { exports: {}, require, module: undefined, filename: "/opt/exe", dirname: "/opt" };
}

describe("release: the trained code cache's wrapper", () => {
    it("runs the bundle with the CommonJS scope given; the source is the bundle inside one function", () => {
        const BUNDLE = bundleText("scope");
        assert.equal(wrappedSource("x();"), "(function (exports, require, module, __filename, __dirname) {x();\n})");
        const given = scope();
        const compiled = compileBundle(vm, wrappedSource(BUNDLE));
        assert.equal(compiled.cacheRejected, false);
        compiled.run(given);
        assert.deepEqual(given.exports.answer, [90, "exe/tpo/", "/opt", "undefined"]);
    });

    it("a cache made after a run is accepted and larger than one made before; a refused cache is reported and the bundle runs alike", () => {
        const BUNDLE = bundleText("cache");
        const before = compileBundle(vm, wrappedSource(BUNDLE)).script.createCachedData();
        const trained = compileBundle(vm, wrappedSource(BUNDLE));
        trained.run(scope());
        const after = trained.script.createCachedData();
        assert.ok(after.length > before.length, `a cache after the run (${after.length} bytes) holds more than before it (${before.length})`);

        // Sources of the same length (V8 checks the length, not the text) not compiled yet in this process.
        const accepted = compileBundle(vm, wrappedSource(bundleText("cach1")), after);
        assert.equal(accepted.cacheRejected, false);
        const acceptedScope = scope();
        accepted.run(acceptedScope);

        const refused = Buffer.from(after);
        refused.writeUInt8(refused.readUInt8(4) ^ 1, 4);
        const rejected = compileBundle(vm, wrappedSource(bundleText("cach2")), refused);
        assert.equal(rejected.cacheRejected, true);
        const rejectedScope = scope();
        rejected.run(rejectedScope);
        assert.deepEqual(rejectedScope.exports.answer, acceptedScope.exports.answer);
    });

    it("the blob's configuration: the loader as main, the bundle and each side's cache as assets, Node.js's own code cache off", () => {
        const config = JSON.parse(
            seaConfig("main.js", "sea.blob", { startup: "trained-code-cache", loader: "", caches: { terraform: Buffer.alloc(0), pulumi: Buffer.alloc(0) } }),
        ) as Record<string, unknown>;
        assert.deepEqual(config, {
            main: "loader.js",
            output: "sea.blob",
            disableExperimentalSEAWarning: true,
            useSnapshot: false,
            useCodeCache: false,
            assets: {
                [BUNDLE_ASSET]: "main.wrapped.js",
                [codeCacheAsset("terraform")]: "main.terraform.cache",
                [codeCacheAsset("pulumi")]: "main.pulumi.cache",
                [NOTICES_ASSET]: "third-party-notices.txt",
            },
        });
        const plain = JSON.parse(seaConfig("main.js", "sea.blob", { startup: "code-cache" })) as Record<string, unknown>;
        assert.deepEqual([plain.main, plain.useCodeCache, plain.assets], ["main.js", true, { [NOTICES_ASSET]: "third-party-notices.txt" }]);
    });
});
