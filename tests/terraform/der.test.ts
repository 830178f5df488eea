/**
 * The DER writer of the provider's certificate, judged by OpenSSL: each OBJECT IDENTIFIER encoded as
 * `openssl asn1parse -genstr OID:<dotted>` encodes it, and X.690's own example.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { objectIdentifier } from "../../provider/terraform/der";

/** OpenSSL's DER of an OID. */
function opensslOid(dotted: string, dir: string): Buffer {
    const out = join(dir, "oid.der");
    execFileSync("openssl", ["asn1parse", "-genstr", `OID:${dotted}`, "-noout", "-out", out], { stdio: "pipe", timeout: 30_000 });
    return readFileSync(out);
}

describe("Terraform provider: DER object identifiers", () => {
    it("encodes X.690's example 2.999.3 as 06 03 88 37 03 (the first subidentifier 40*2+999 in base 128)", () => {
        assert.equal(objectIdentifier("2.999.3").toString("hex"), "0603883703");
    });

    it("encodes each OID as OpenSSL does, first arcs 40*X+Y of 128 and more included", () => {
        const dir = mkdtempSync(join(tmpdir(), "der-oid-"));
        try {
            const oids = [
                "1.2.840.10045.4.3.2",
                "2.5.29.17",
                "1.3.6.1.5.5.7.3.1",
                "0.9.2342.19200300.100.1.25",
                "2.47.1",
                "2.48.1",
                "2.100.3",
                "2.999.3",
                "2.16383.1",
                "2.16384.1",
                "1.39.4294967296",
                "2.25.329800735698586629295641978511506172918",
            ];
            for (const oid of oids) assert.equal(objectIdentifier(oid).toString("hex"), opensslOid(oid, dir).toString("hex"), oid);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses what is not an OID, naming it", () => {
        for (const bad of ["", "1", "3.1", "1.40", "0.40.1", "1.2.a", "1..2", "01.2", "-1.2", "1.2."])
            assert.throws(
                () => objectIdentifier(bad),
                (error: Error) => error instanceof RangeError && error.message.includes(JSON.stringify(bad)),
                bad,
            );
    });
});
