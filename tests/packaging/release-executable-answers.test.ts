/**
 * What the release's single executable answers before it serves (packaging/release-executable-answers.ts, which
 * sea-entry.ts loads for those flags): the version, a help that tells both protocols, and a refusal of
 * `--write-mirror`, exit code 2, that names the npm package's route and the release's own (the zip in a filesystem
 * mirror, for both registry hosts). The executable itself is run by tests/engine/release-artefacts.test.ts.
 */
import { strict as assert } from "node:assert";
import { releaseAnswer } from "../../packaging/release-executable-answers";
import { FUNCTION_TOKEN } from "../../provider/pulumi-names";
import { REGISTRY_HOSTS } from "../../provider/terraform/mirror-layout";
import { DATA_SOURCE_TYPE } from "../../provider/terraform/terraform-names";

describe("the release executable's answers to its flags", () => {
    const name = "pulumi-resource-alicloud-message-contacts";

    it("--version: the version alone on stdout, exit 0", () => {
        assert.deepEqual(releaseAnswer({ kind: "version" }, name, "1.2.3"), { stdout: "1.2.3\n", stderr: "", exitCode: 0 });
    });

    it("--help: the usage line with the name it was started by, and what it serves under each protocol, exit 0", () => {
        const help = releaseAnswer({ kind: "help" }, "terraform-provider-alicloudmessagecontacts_v1.2.3", "1.2.3");
        assert.equal(help.exitCode, 0);
        assert.equal(help.stderr, "");
        assert.match(help.stdout, /^Usage: terraform-provider-alicloudmessagecontacts_v1\.2\.3 \[--version \| --help\]\n/);
        const [terraform, pulumi] = help.stdout.split("Started otherwise:");
        assert.ok(terraform?.includes("Started by tofu or terraform:") && terraform.includes(DATA_SOURCE_TYPE), help.stdout);
        assert.ok(pulumi?.includes(FUNCTION_TOKEN), help.stdout);
        for (const line of help.stdout.split("\n")) assert.ok(line.length <= 100, line);
    });

    it("--write-mirror: exit 2, naming the npm package's route and the zip's filesystem mirror for both hosts; nothing on stdout", () => {
        const answer = releaseAnswer({ kind: "flag", flag: "--write-mirror", args: ["--write-mirror", "dir"] }, name, "1.2.3");
        assert.equal(answer.exitCode, 2);
        assert.equal(answer.stdout, "");
        assert.match(
            answer.stderr,
            /^pulumi-resource-alicloud-message-contacts: --write-mirror belongs to the npm package's provider \(npx terraform-provider-alicloudmessagecontacts --write-mirror DIR/,
        );
        for (const host of REGISTRY_HOSTS)
            assert.ok(answer.stderr.includes(`<mirror>/${host}/pulumi-alicloud-message-contacts/alicloudmessagecontacts/`), host);
    });

    it("a usage error: its message, exit 2", () => {
        assert.deepEqual(releaseAnswer({ kind: "usage-error", message: "x: unknown argument" }, name, "1.2.3"), {
            stdout: "",
            stderr: "x: unknown argument\n",
            exitCode: 2,
        });
    });
});
