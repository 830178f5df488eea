/**
 * Child probe: serializes the dynamic provider object exactly as `pulumi.dynamic.Resource` does
 * (`serializeFunction(() => provider, { allowSecrets: true })`, then `.text`) and prints
 * {"bytes", "containsSecrets", "capturesRepoPath"}.
 */
import { REPO_ROOT, RESOURCE_PROVIDER } from "../paths";

interface Serialized {
    text: string;
    containsSecrets: boolean;
}

const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [REPO_ROOT] })) as {
    runtime: { serializeFunction(f: () => unknown, options: { allowSecrets: boolean }): Promise<Serialized> };
};
const provider = (require(RESOURCE_PROVIDER) as { messageContactVerificationsProvider: unknown }).messageContactVerificationsProvider;

void pulumi.runtime
    .serializeFunction(() => provider, { allowSecrets: true })
    .then((sf) => {
        process.stdout.write(
            `${JSON.stringify({ bytes: Buffer.byteLength(sf.text, "utf8"), containsSecrets: sf.containsSecrets, capturesRepoPath: sf.text.includes(REPO_ROOT) })}\n`,
        );
    });
