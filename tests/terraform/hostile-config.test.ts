/**
 * The packed Terraform provider over gRPC, given what no CLI sends but a hostile or broken client may: text it
 * echoes comes back escaped and bounded (a 1 MB data source type, C1 controls, bidi overrides and line separators
 * in a type or a `contact_id`).
 */
import { strict as assert } from "node:assert";
import { consumerProject } from "../support/consumer-project";
import { ctyEncode, DATA_SOURCE_ATTRIBUTES, objectValue, startTerraformProvider, TerraformProviderClient, TestDiagnostic } from "../support/terraform-provider";

/** Characters that must never reach a terminal as they are (line feeds aside, which details use between paragraphs). */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/** A bidi override, C1 controls (NEL, CSI), the line and paragraph separators, an escape sequence. */
const HOSTILE = "\u202eevil\u202c\u0085\u009b31m\u2028\u2029\u001b]0;owned\u0007";
/** How HOSTILE must come back. */
const HOSTILE_SHOWN = "\\u202eevil\\u202c\\u0085\\u009b31m\\u2028\\u2029\\u001b]0;owned\\u0007";

const texts = (diagnostics: TestDiagnostic[]) => diagnostics.flatMap((d) => [d.summary, d.detail.replace(/\n/g, " ")]);

describe("Terraform provider: hostile configurations and names", function () {
    this.timeout(60_000);
    let client: TerraformProviderClient;

    before(async function () {
        this.timeout(600_000);
        const project = await consumerProject();
        client = await startTerraformProvider(project.dir);
        assert.deepEqual(await client.configure({ endpoint: "http://127.0.0.1:1" }), []);
    });
    after(async () => {
        await client?.close();
    });

    /** ReadDataSource of `typeName` with a valid configuration. */
    const readType = async (typeName: string) => {
        const answer = await client.call("ReadDataSource", {
            typeName,
            config: { msgpack: ctyEncode(objectValue(DATA_SOURCE_ATTRIBUTES, {})) },
            clientCapabilities: { deferralAllowed: false },
        });
        return (answer.diagnostics as { summary: string; detail: string }[]).map((d) => ({ ...d, path: [], severity: "ERROR" }));
    };

    describe("echoes", () => {
        it("a 1 MB data source type comes back cut to a bounded length, with how much was left out", async () => {
            const huge = `x${"y".repeat(1_048_575)}`;
            for (const diagnostics of [await client.validateDataSource({}, huge), await readType(huge)]) {
                assert.equal(diagnostics.length, 1);
                const detail = diagnostics[0]?.detail ?? "";
                assert.ok(detail.length < 400, `${detail.length} characters`);
                assert.match(detail, /no data source "xy{99}"\.\.\. \(1048476 more characters\); it has alicloudmessagecontacts_verifications\./);
            }
        });

        it("C1 controls, bidi overrides and U+2028 in the type come back escaped", async () => {
            for (const diagnostics of [await client.validateDataSource({}, `t${HOSTILE}`), await readType(`t${HOSTILE}`)]) {
                for (const text of texts(diagnostics)) assert.doesNotMatch(text, UNSAFE, text);
                assert.ok(diagnostics[0]?.detail.includes(`"t${HOSTILE_SHOWN}"`), diagnostics[0]?.detail);
            }
        });

        it("C1 controls, bidi overrides and U+2028 in contact_id and timeouts.read come back escaped, at their paths", async () => {
            const given = { contact_id: `c-${HOSTILE}`, timeouts: { read: `5m${HOSTILE}` } };
            for (const diagnostics of [await client.validateDataSource(given), (await client.read(given)).diagnostics]) {
                assert.deepEqual(diagnostics.map((d) => d.path.join(".")).sort(), ["contact_id", "timeouts.read"]);
                for (const text of texts(diagnostics)) assert.doesNotMatch(text, UNSAFE, text);
                assert.ok(
                    diagnostics.some((d) => d.detail.includes(`got "c-${HOSTILE_SHOWN}"`)),
                    JSON.stringify(diagnostics),
                );
                assert.ok(
                    diagnostics.some((d) => d.detail.includes(`got "5m\\u202eevil\\u202c\\u0085\\u009b31m\\u2028"... (11 more characters).`)),
                    JSON.stringify(diagnostics),
                );
            }
        });
    });
});
