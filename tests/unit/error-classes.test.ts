import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as errors from "../../provider/alibaba-client/errors";
import * as sdk from "../../sdk";

type Errors = typeof errors;

/** One instance of every error class, made through the public constructors. */
function oneOfEach(e: Errors) {
    return {
        AlibabaCloudApiError: new e.AlibabaCloudApiError({ operation: "Op", httpStatus: 404, code: "EntityNotExists.Contact", message: "m" }),
        InvalidResponseError: new e.InvalidResponseError({ operation: "Op", httpStatus: 200, problem: "the body is empty" }),
        TransportError: new e.TransportError("Timeout", "Op", "slow"),
        InvalidArgumentError: new e.InvalidArgumentError("pageSize", "pageSize must be ..."),
        InconsistentListingError: new e.InconsistentListingError("Op", "TotalCount changed", 3),
        CredentialsNotFoundError: new e.CredentialsNotFoundError(["env"]),
        ProfileNotFoundError: new e.ProfileNotFoundError("p", "env ALIBABA_CLOUD_PROFILE", "does not exist in ~/.aliyun/config.json"),
        InvalidMockResultError: new e.InvalidMockResultError("token", "id must be a string"),
        OutputFileError: new e.OutputFileError("outputFile", "argument outputFile", "/nowhere/result.json", "ENOENT", "no such file or directory"),
    };
}
type ClassName = keyof ReturnType<typeof oneOfEach>;

/** A second copy of the errors module, as a second install or a bundle holds it, its classes renamed as bundlers rename them. */
function secondCopy(): Errors {
    const dir = join(__dirname, "../../provider/alibaba-client/errors");
    const saved = Object.keys(require.cache).filter((key) => key.startsWith(dir));
    const kept = Object.fromEntries(saved.map((key) => [key, require.cache[key]]));
    for (const key of saved) delete require.cache[key];
    try {
        const copy = require(dir) as Errors;
        for (const name of [...Object.keys(oneOfEach(errors)), "MessageContactsError"]) {
            Object.defineProperty(copy[name as ClassName], "name", { value: `${name}2` });
        }
        return copy;
    } finally {
        Object.assign(require.cache, kept);
    }
}

describe("error classes", () => {
    const names = Object.keys(oneOfEach(errors)) as ClassName[];

    it("each instance is of its own class, of MessageContactsError and Error, and of no other class", () => {
        for (const [name, error] of Object.entries(oneOfEach(errors))) {
            assert.ok(error instanceof errors.MessageContactsError && error instanceof Error, name);
            assert.equal(error.name, name);
            for (const other of names) assert.equal(error instanceof errors[other], other === name, `${name} instanceof ${other}`);
        }
        assert.ok(!({} instanceof errors.MessageContactsError) && !(new Error("x") instanceof errors.TransportError));
    });

    it("instanceof works across two copies of the package, even with the classes renamed by a bundler", () => {
        const copy = secondCopy();
        assert.notEqual(copy.TransportError, errors.TransportError);
        for (const [name, error] of Object.entries(oneOfEach(copy))) {
            assert.ok(error instanceof errors.MessageContactsError, name);
            for (const other of names) assert.equal(error instanceof errors[other], other === name, `copy's ${name} instanceof ${other}`);
        }
        for (const [name, error] of Object.entries(oneOfEach(errors))) assert.ok(error instanceof copy[name as ClassName], name);
    });

    it("every class of the package's own has a code from the one closed list; a service error's code is the service's", () => {
        for (const [name, error] of Object.entries(oneOfEach(errors))) {
            if (name === "AlibabaCloudApiError") continue;
            assert.ok((errors.PACKAGE_ERROR_CODES as readonly string[]).includes(error.code), `${name}: ${error.code}`);
        }
        assert.equal(oneOfEach(errors).AlibabaCloudApiError.code, "EntityNotExists.Contact");
        const failures: readonly string[] = ["ConnectionFailed", "ConnectionReset", "Timeout", "ResponseTooLarge", "ListingTooLarge", "TlsFailed"];
        for (const failure of failures) assert.ok((errors.PACKAGE_ERROR_CODES as readonly string[]).includes(failure), failure);
    });

    it("a hostile service code is escaped and bounded, and decides retrying as it was sent", () => {
        const error = new errors.AlibabaCloudApiError({ operation: "Op", httpStatus: 400, code: "Throttling.\u001b[2J" + "x".repeat(10_000), message: "" });
        assert.match(error.code, /^Throttling\.\\u001b\[2Jx*\.\.\. \(\d+ more characters\)$/);
        assert.ok(error.code.length < 130);
        assert.equal(error.retryable, true);
    });

    it("a TransportError's detail, which quotes what the server sent (a certificate's names, a RequestId header), is escaped", () => {
        const error = new errors.TransportError(
            "TlsFailed",
            "Op",
            "TLS failed (ERR_TLS_CERT_ALTNAME_INVALID: DNS:\u001b]0;x\u0007evil)",
            undefined,
            "R\u009b2J",
        );
        assert.equal(error.message, "Op: TLS failed (ERR_TLS_CERT_ALTNAME_INVALID: DNS:\\u001b]0;x\\u0007evil) (RequestId R\\u009b2J)");
        assert.equal(error.requestId, "R\\u009b2J");
    });

    it("the package exports every class, and the README's table of errors has a row for each", () => {
        const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
        const table = readme.slice(readme.indexOf("## Errors"), readme.indexOf("## Guarantees"));
        assert.equal(typeof sdk.MessageContactsError, "function");
        for (const name of names) {
            assert.equal(typeof (sdk as Record<string, unknown>)[name], "function", `the package does not export ${name}`);
            assert.match(table, new RegExp(`^\\| \`${name}\``, "m"), `the README's table has no row for ${name}`);
        }
        for (const code of errors.PACKAGE_ERROR_CODES) assert.ok(table.includes(`\`${code}\``), `the README does not list the code ${code}`);
    });
});
