import { strict as assert } from "node:assert";
import { goModulePath, parseManifest, pluginDownloadUrl } from "../../provider/package-manifest";

const manifest = (fields: Record<string, unknown>) => ({ name: "pulumi-alicloud-message-contacts", version: "1.2.3", license: "Apache-2.0", ...fields });

describe("the package's facts from package.json", () => {
    it("a repository named pulumi-<plugin> downloads from github://api.github.com/<owner>, the CLI's default repository", () => {
        const parsed = parseManifest(manifest({ repository: { type: "git", url: "git+https://github.com/acme/pulumi-alicloud-message-contacts.git" } }));
        assert.equal(parsed.repository, "https://github.com/acme/pulumi-alicloud-message-contacts");
        assert.equal(parsed.homepage, "https://github.com/acme/pulumi-alicloud-message-contacts#readme");
        assert.equal(pluginDownloadUrl(parsed, "alicloud-message-contacts"), "github://api.github.com/acme");
        assert.equal(goModulePath(parsed), "github.com/acme/pulumi-alicloud-message-contacts/sdks/go");
    });

    it("a fork under another name names its repository in the download URL, and its own module path", () => {
        const parsed = parseManifest(manifest({ repository: "https://github.com/someone/contacts-fork", homepage: "https://example.com/docs" }));
        assert.equal(pluginDownloadUrl(parsed, "alicloud-message-contacts"), "github://api.github.com/someone/contacts-fork");
        assert.equal(goModulePath(parsed), "github.com/someone/contacts-fork/sdks/go");
        assert.equal(parsed.homepage, "https://example.com/docs");
    });

    it("refuses a repository that is not on GitHub, and a missing license, naming the field", () => {
        assert.throws(
            () => parseManifest(manifest({ repository: "https://gitlab.com/acme/x" })),
            /package\.json: repository must be a GitHub repository.*gitlab/,
        );
        assert.throws(() => parseManifest(manifest({ repository: "github:acme/x", license: undefined })), /package\.json: license: /);
    });
});
