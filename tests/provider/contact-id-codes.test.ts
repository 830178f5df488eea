/**
 * Which of the service's error codes concern the contact ID is decided once, beside the operation's error codes,
 * and both providers show each such code on the contact ID: the resource's `contactId` property (the dynamic
 * provider and the plugin share `listing-resource.ts`) and the data source's `contact_id` attribute (Terraform's
 * diagnostics). In process, against the emulator answering each code.
 */
import { strict as assert } from "node:assert";
import {
    AlibabaCloudApiError,
    Credentials,
    CredentialsProvider,
    listMessageContactVerifications,
    StaticCredentialsProvider,
} from "../../provider/alibaba-client";
import { listingResource } from "../../provider/listing-resource";
import { errorDiagnostic } from "../../provider/terraform/error-diagnostics";
import { ALICE, SMALL_LISTING, useEmulator } from "../support/emulator-fixture";

/** The error codes the API page of ListMessageContactVerifications documents, each about the ContactId parameter. */
const DOCUMENTED_CONTACT_ID_CODES: readonly [string, number][] = [
    ["InvalidParameter.ContactId", 400],
    ["MissingParameter.ContactId", 400],
    ["EntityNotExists.Contact", 404],
];

describe("the service's contact-ID codes land on the contact ID in both providers", () => {
    const fixture = useEmulator({ verifications: SMALL_LISTING, contacts: [] });
    const credentials = (): CredentialsProvider => {
        const { accessKeyId, accessKeySecret } = fixture.emulator.account;
        return new StaticCredentialsProvider(new Credentials(accessKeyId, accessKeySecret), "test");
    };
    const resource = () =>
        listingResource({
            settings: () => ({ endpoint: fixture.emulator.url }),
            credentials,
            vocabulary: { setting: (name) => ({ prefix: "test setting ", key: name }) },
            credentialsAdvice: "use the test's settings.",
        });
    /** The error a listing of ALICE meets when the service answers `code`. */
    const serviceError = async (code: string, status: number): Promise<AlibabaCloudApiError> => {
        fixture.emulator.inject({ fault: { kind: "error", status, code, message: `the service says ${code}` } });
        const error: unknown = await listMessageContactVerifications({
            contactId: ALICE,
            endpoint: fixture.emulator.url,
            credentialsProvider: credentials(),
        }).then(
            () => assert.fail("the listing succeeded"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof AlibabaCloudApiError && error.code === code, String(error));
        return error;
    };

    for (const [code, status] of DOCUMENTED_CONTACT_ID_CODES) {
        it(`${code}: the resource's contactId property, the data source's contact_id attribute`, async () => {
            fixture.emulator.inject({ fault: { kind: "error", status, code, message: `the service says ${code}` } });
            const { failures } = await resource().check({ contactId: ALICE });
            assert.deepEqual(
                failures.map((f) => f.property),
                ["contactId"],
            );
            assert.match(failures[0]?.reason ?? "", new RegExp(code.replace(/\./g, "\\.")));
            const diagnostic = errorDiagnostic(await serviceError(code, status));
            assert.deepEqual(
                diagnostic.attribute?.steps.map((step) => ("attributeName" in step ? step.attributeName : "?")),
                ["contact_id"],
            );
            assert.match(diagnostic.detail ?? "", /contact_id/, "the advice names the attribute");
            assert.doesNotMatch(diagnostic.detail ?? "", /contactId/, "in Terraform's words");
        });
    }

    it("a code about no argument stays on the resource and the read as a whole", async () => {
        fixture.emulator.inject({ fault: { kind: "error", status: 403, code: "Forbidden.RAM", message: "not allowed" } });
        const { failures } = await resource().check({ contactId: ALICE });
        assert.deepEqual(
            failures.map((f) => f.property),
            [""],
        );
        assert.equal(errorDiagnostic(await serviceError("Forbidden.RAM", 403)).attribute, undefined);
    });
});
