/**
 * The release's darwin executables, which this Linux machine cannot run, checked as far as it can: their Mach-O
 * structure (the CPU type, postject's `NODE_SEA` segment holding the blob, `LC_CODE_SIGNATURE`), and their ad-hoc
 * signatures, read two ways, by this package's reader (`packaging/macho.ts`) and by `rcodesign
 * print-signature-info` (the reference; its `verify` is documented as unreliable): an ADHOC code directory of
 * sha256 page hashes, with the pinned identifier, whose code limit is where the signature starts, and whose every
 * page hash is the hash of that page of the file. Changing one byte of the code after signing breaks that page's
 * hash and changes the code directory's hash once signed again (signing the unchanged file again does not). Two
 * builds give the same bytes. A Developer ID signature (a throwaway certificate standing in for Apple's) carries
 * the certificate in a CMS signature and the hardened runtime.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256Hex } from "../../packaging/checksums";
import { CPU_TYPE, CS_ADHOC, CS_HASHTYPE, CS_RUNTIME, entitlementsXml, MH_EXECUTE, pageHashes, parseCodeDirectory, parseMachO } from "../../packaging/macho";
import { CODE_SIGNING_IDENTIFIER, signDarwinExecutable } from "../../packaging/macos-signing";
import { release } from "../../packaging/main";
import { nodeBinaryPath } from "../../packaging/node-binaries";
import { RELEASE_DIR } from "../../packaging/paths";
import { ensureRcodesign } from "../../packaging/rcodesign";
import { pulumiArchiveName, terraformZipName } from "../../packaging/release-names";
import { DEFAULT_STARTUP_DATA, MACHO_SEGMENT, SEA_RESOURCE } from "../../packaging/sea-executable";
import { platformOf, RELEASE_VERSION, unpackPulumiArchive, unpackTerraformZip } from "../support/release-executables";

/** The Mach-O section postject writes the blob into: `__` and the resource's name, cut to 16 bytes. */
const SEA_SECTION = `__${SEA_RESOURCE}`.slice(0, 16);
/** The first four bytes of a single-executable blob (Node.js's `kMagic`, little-endian). */
const SEA_BLOB_MAGIC = 0x0143da20;

/** What `rcodesign print-signature-info` says of a file, the fields these tests compare. */
interface SignatureInfo {
    fileSize: number;
    signatureStart: number;
    signedEntitySize: number;
    flags: string;
    digestType: string;
    identifier: string;
    codeDirectorySha256: string;
    text: string;
}

/** One `name: value` field of print-signature-info's YAML (the first), or an error naming it. */
function field(text: string, name: string): string {
    const match = new RegExp(`^\\s*${name}: (.+)$`, "m").exec(text);
    if (!match) throw new Error(`print-signature-info printed no ${name}:\n${text.slice(0, 3000)}`);
    return (match[1] as string).trim();
}

/** `rcodesign print-signature-info FILE`, its fields. */
function signatureInfo(rcodesign: string, file: string): SignatureInfo {
    const text = execFileSync(rcodesign, ["print-signature-info", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const codeDirectory = /- slot: CodeDirectory \(0\)\n(?:\s+\w+: .+\n)*?\s+sha256: ([0-9a-f]{64})/.exec(text);
    if (!codeDirectory) throw new Error(`print-signature-info printed no CodeDirectory blob:\n${text.slice(0, 3000)}`);
    return {
        fileSize: Number(field(text, "file_size")),
        signatureStart: Number(field(text, "macho_signature_start_offset").split(" / ")[0]),
        signedEntitySize: Number(field(text, "signed_entity_size")),
        flags: field(text, "flags"),
        digestType: field(text, "digest_type"),
        identifier: field(text, "identifier"),
        codeDirectorySha256: codeDirectory[1] as string,
        text,
    };
}

describe("release: the darwin executables' structure and signatures", function () {
    this.timeout(600_000);
    let root: string;
    let rcodesign: string;

    before(async function () {
        rcodesign = await ensureRcodesign((line) => process.stderr.write(`${line}\n`));
        root = mkdtempSync(join(tmpdir(), "release-darwin-"));
    });
    after(() => {
        if (root) rmSync(root, { recursive: true, force: true });
    });

    for (const [id, cpuType] of [
        ["darwin-x64", CPU_TYPE.x86_64],
        ["darwin-arm64", CPU_TYPE.arm64],
    ] as const) {
        describe(id, () => {
            const platform = platformOf(id);
            let exe: string;
            let data: Buffer;

            before(() => {
                const dir = join(root, id);
                mkdirSync(join(dir, "tar"), { recursive: true });
                mkdirSync(join(dir, "zip"));
                exe = unpackPulumiArchive(platform, join(dir, "tar"));
                data = readFileSync(exe);
                assert.ok(data.equals(readFileSync(unpackTerraformZip(platform, join(dir, "zip")))), "the tar.gz and the zip hold the same executable");
            });

            it(`is a Mach-O executable for ${id.split("-")[1]} with the blob in its NODE_SEA segment and a code signature at its end`, () => {
                const file = parseMachO(data);
                assert.equal(file.cpuType, cpuType);
                assert.equal(file.fileType, MH_EXECUTE);
                const sea = file.segments.find((s) => s.name === MACHO_SEGMENT);
                assert.ok(sea, `no ${MACHO_SEGMENT} segment: ${file.segments.map((s) => s.name).join(", ")}`);
                const section = sea.sections.find((s) => s.name === SEA_SECTION);
                assert.ok(section && section.size > 1000, `no ${SEA_SECTION} section in ${MACHO_SEGMENT}`);
                assert.equal(data.readUInt32LE(section.offset), SEA_BLOB_MAGIC, "the section starts with a single-executable blob");
                assert.ok(data.includes("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1"), "the fuse is flipped");
                assert.ok(file.codeSignature, "LC_CODE_SIGNATURE");
                const linkedit = file.segments.find((s) => s.name === "__LINKEDIT");
                assert.equal(linkedit && linkedit.fileOffset + linkedit.fileSize, data.length, "__LINKEDIT ends the file");
                assert.ok(file.codeSignature.offset > section.offset + section.size, "the signature comes after the blob");
                assert.ok(file.codeSignature.offset + file.codeSignature.size <= data.length);
            });

            it("is signed ad hoc: sha256 page hashes of the whole file up to the signature, the pinned identifier; rcodesign reads the same", () => {
                const file = parseMachO(data);
                const cd = parseCodeDirectory(data, file);
                assert.equal(cd.flags, CS_ADHOC, "ADHOC and nothing else, as `codesign --sign -` signs (Node.js's guide)");
                assert.equal(entitlementsXml(data, file), undefined, "no entitlements");
                assert.equal(cd.hashType, CS_HASHTYPE.sha256);
                assert.equal(cd.identifier, CODE_SIGNING_IDENTIFIER);
                assert.equal(cd.codeLimit, file.codeSignature?.offset, "the code limit is where the signature starts");
                const pages = pageHashes(data, cd.codeLimit, cd.pageSize);
                assert.equal(cd.codeSlots.length, pages.length);
                const wrong = pages.findIndex((hash, i) => !hash.equals(cd.codeSlots[i] as Buffer));
                assert.equal(wrong, -1, `page ${wrong}'s hash is not its code slot`);

                const info = signatureInfo(rcodesign, exe);
                assert.equal(info.fileSize, data.length);
                assert.equal(info.flags, "CodeSignatureFlags(ADHOC)");
                assert.equal(info.digestType, "sha256");
                assert.equal(info.identifier, CODE_SIGNING_IDENTIFIER);
                assert.equal(info.signatureStart, file.codeSignature?.offset);
                assert.equal(info.signedEntitySize, cd.codeLimit, "rcodesign's signed size is the code limit read here");
                assert.equal(info.codeDirectorySha256, cd.blobHash.toString("hex"), "rcodesign's code directory hash is the one computed here");
                assert.match(info.text, /cms: null/, "no CMS signature: no certificate");
            });

            it("one byte of code changed after signing: that page no longer matches its hash, and signed again the code directory's hash changes", () => {
                const file = parseMachO(data);
                const cd = parseCodeDirectory(data, file);
                const text = file.segments.find((s) => s.name === "__TEXT")?.sections.find((s) => s.name === "__text");
                assert.ok(text, "a __text section");
                const at = text.offset + Math.floor(text.size / 2);
                const page = Math.floor(at / cd.pageSize);
                const changed = Buffer.from(data);
                changed[at] = (changed[at] as number) ^ 0xff;
                assert.ok(!pageHashes(changed, cd.codeLimit, cd.pageSize)[page]?.equals(cd.codeSlots[page] as Buffer), "the changed page's hash");
                const dir = join(root, `${id}-changed`);
                mkdirSync(dir);
                const same = join(dir, "same");
                const other = join(dir, "changed");
                writeFileSync(same, data);
                writeFileSync(other, changed);
                execFileSync(rcodesign, ["sign", "--binary-identifier", CODE_SIGNING_IDENTIFIER, same], { stdio: "pipe" });
                execFileSync(rcodesign, ["sign", "--binary-identifier", CODE_SIGNING_IDENTIFIER, other], { stdio: "pipe" });
                const original = cd.blobHash.toString("hex");
                assert.equal(signatureInfo(rcodesign, same).codeDirectorySha256, original, "signing the same bytes again gives the same code directory");
                assert.notEqual(signatureInfo(rcodesign, other).codeDirectorySha256, original);
                assert.notEqual(parseCodeDirectory(readFileSync(other)).blobHash.toString("hex"), original);
            });
        });
    }

    it("building darwin-arm64 again, elsewhere, gives the same bytes: the ad-hoc signature is reproducible", async () => {
        const platform = platformOf("darwin-arm64");
        const out = join(root, "rebuild");
        await release({ platforms: [platform], outDir: out, startup: DEFAULT_STARTUP_DATA }, () => undefined);
        for (const name of [pulumiArchiveName(RELEASE_VERSION, platform), terraformZipName(RELEASE_VERSION, platform)]) {
            assert.equal(sha256Hex(readFileSync(join(out, name))), sha256Hex(readFileSync(join(RELEASE_DIR, name))), `${name} differs from release/${name}`);
        }
    });

    it("with a Developer ID (a throwaway certificate here): a CMS signature naming it, the hardened runtime and Node.js's entitlements but get-task-allow", () => {
        const dir = join(root, "developer-id");
        mkdirSync(dir);
        execFileSync(
            "openssl",
            [
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=Developer ID Application: Release Test (TESTTEAM01)/OU=TESTTEAM01/O=Release Test/C=US",
                "-addext",
                "extendedKeyUsage=codeSigning",
                "-keyout",
                join(dir, "key.pem"),
                "-out",
                join(dir, "cert.pem"),
            ],
            { stdio: "pipe" },
        );
        writeFileSync(join(dir, "password"), "release-test");
        execFileSync("openssl", [
            "pkcs12",
            "-export",
            "-inkey",
            join(dir, "key.pem"),
            "-in",
            join(dir, "cert.pem"),
            "-out",
            join(dir, "id.p12"),
            "-passout",
            "pass:release-test",
            // rcodesign reads the legacy encryption (as macOS's Keychain Access exports), not OpenSSL 3's default.
            "-certpbe",
            "PBE-SHA1-3DES",
            "-keypbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ]);
        mkdirSync(join(dir, "unpacked"));
        const file = unpackPulumiArchive(platformOf("darwin-arm64"), join(dir, "unpacked"));
        const lines: string[] = [];
        const signing = { kind: "developer-id", p12File: join(dir, "id.p12"), p12PasswordFile: join(dir, "password"), timestampUrl: "none" } as const;
        const signed = signDarwinExecutable(rcodesign, file, signing, nodeBinaryPath(platformOf("darwin-arm64")), (line) => lines.push(line));
        const cd = parseCodeDirectory(signed);
        assert.equal(cd.flags, CS_RUNTIME, "the hardened runtime, not ADHOC");
        assert.equal(cd.identifier, CODE_SIGNING_IDENTIFIER);
        const entitlements = entitlementsXml(signed) ?? "";
        assert.match(entitlements, /<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
        assert.doesNotMatch(entitlements, /get-task-allow/);
        const info = signatureInfo(rcodesign, file);
        assert.match(info.text, /subject: .*CN=Developer ID Application: Release Test \(TESTTEAM01\)/);
        assert.doesNotMatch(info.text, /Node\.js Foundation/, "the Node.js Foundation's signature is gone");
        assert.match(lines.join("\n"), /signed with the Developer ID of id\.p12/);
    });
});
