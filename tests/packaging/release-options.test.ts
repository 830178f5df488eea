/** `npm run release` flags and environment, and the bundle's rewrite of pulumi-runtime.ts. */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rewritePulumiRuntime } from "../../packaging/bundle";
import { cacheKey } from "../../packaging/release-cache";
import { parseReleaseOptions } from "../../packaging/release-options";
import { REPO_ROOT, RELEASE_DIR } from "../../packaging/paths";

describe("release: options, cache key, bundle rewrite", () => {
    it("builds every platform into release/ by default, unsigned", () => {
        const options = parseReleaseOptions([], {});
        assert.deepEqual(
            options.platforms.map((p) => p.id),
            ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win-x64"],
        );
        assert.equal(options.outDir, RELEASE_DIR);
        assert.equal(options.gpgKey, undefined);
        assert.equal(options.startup, "trained-code-cache");
        assert.equal(parseReleaseOptions(["--startup", "snapshot", "--platform", "linux-x64"], {}).startup, "snapshot");
        assert.equal(parseReleaseOptions(["--startup", "code-cache"], {}).startup, "code-cache");
        assert.throws(() => parseReleaseOptions(["--startup", "fast"], {}), /--startup must be code-cache, trained-code-cache, snapshot, none; got "fast"/);
    });

    it("takes the key and platforms from flags, else from RELEASE_GPG_KEY and RELEASE_PLATFORMS", () => {
        const flags = parseReleaseOptions(["--gpg-key", "ABCD", "--platform", "win-x64", "--platform", "linux-x64"], { RELEASE_GPG_KEY: "other" });
        assert.equal(flags.gpgKey, "ABCD");
        assert.deepEqual(
            flags.platforms.map((p) => p.id),
            ["win-x64", "linux-x64"],
        );
        const env = parseReleaseOptions([], { RELEASE_GPG_KEY: "K1", RELEASE_PLATFORMS: "darwin-x64, linux-arm64" });
        assert.equal(env.gpgKey, "K1");
        assert.deepEqual(
            env.platforms.map((p) => p.id),
            ["darwin-x64", "linux-arm64"],
        );
    });

    it("refuses an unknown flag, a flag without its value and an unknown platform", () => {
        assert.throws(() => parseReleaseOptions(["--sign"], {}), /unknown argument "--sign"; usage: npm run release/);
        assert.throws(() => parseReleaseOptions(["--gpg-key"], {}), /--gpg-key needs a value/);
        assert.throws(() => parseReleaseOptions(["--gpg-key", "--platform"], {}), /--gpg-key needs a value/);
        assert.throws(() => parseReleaseOptions(["--platform", "sunos-x64"], {}), /unknown platform "sunos-x64"/);
    });

    it("the cache key changes with each input", () => {
        const base = {
            bundleSha256: "a".repeat(64),
            nodeVersion: "26.10.0",
            platform: "linux-x64",
            startup: "code-cache" as const,
            signing: "none",
            version: "0.1.0",
        };
        const keys = [
            base,
            { ...base, bundleSha256: "b".repeat(64) },
            { ...base, nodeVersion: "26.9.0" },
            { ...base, platform: "win-x64" },
            { ...base, startup: "snapshot" as const },
            { ...base, startup: "trained-code-cache" as const, trainingSha256: "c".repeat(64) },
            { ...base, startup: "trained-code-cache" as const, trainingSha256: "d".repeat(64) },
            { ...base, signing: "rcodesign 0.29.0 ad-hoc" },
            { ...base, version: "0.1.1" },
        ].map(cacheKey);
        assert.equal(new Set(keys).size, keys.length);
        assert.equal(cacheKey({ ...base }), keys[0]);
    });

    it("pulumi-runtime.ts's run-time resolutions become requires a bundler follows; a file without them is an error", () => {
        const source = readFileSync(join(REPO_ROOT, "provider", "plugin", "pulumi-runtime.ts"), "utf8");
        const rewritten = rewritePulumiRuntime(source);
        assert.match(rewritten, /grpc: require\("@grpc\/grpc-js"\)/);
        assert.match(rewritten, /struct: require\("google-protobuf\/google\/protobuf\/struct_pb"\)/);
        assert.doesNotMatch(rewritten, /fromPulumi\("/);
        assert.throws(() => rewritePulumiRuntime("export {};\n"), /no fromPulumi\("\.\.\."\) call left/);
    });
});
