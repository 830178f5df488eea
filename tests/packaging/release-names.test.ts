/** The release's artefact names and the Terraform registry manifest, from the providers' own names. */
import { strict as assert } from "node:assert";
import { PACKAGE_NAME } from "../../provider/pulumi-names";
import { EXECUTABLE_NAME } from "../../provider/terraform/handshake";
import { PROVIDER_TYPE } from "../../provider/terraform/terraform-names";
import { PLATFORMS, selectPlatforms } from "../../packaging/platforms";
import {
    checkVersion,
    pulumiArchiveName,
    pulumiExecutableName,
    terraformExecutableName,
    terraformManifest,
    terraformManifestName,
    terraformSumsName,
    terraformSumsSignatureName,
    terraformZipName,
} from "../../packaging/release-names";

const byId = (id: string) => selectPlatforms([id])[0] as (typeof PLATFORMS)[number];

describe("release: artefact names", () => {
    it("Pulumi archives are pulumi-resource-<package>-v<version>-<goos>-<goarch>.tar.gz with the executable (.exe on Windows)", () => {
        assert.equal(pulumiArchiveName("1.2.3", byId("linux-x64")), `pulumi-resource-${PACKAGE_NAME}-v1.2.3-linux-amd64.tar.gz`);
        assert.equal(pulumiArchiveName("1.2.3", byId("linux-arm64")), "pulumi-resource-alicloud-message-contacts-v1.2.3-linux-arm64.tar.gz");
        assert.equal(pulumiArchiveName("1.2.3", byId("darwin-x64")), "pulumi-resource-alicloud-message-contacts-v1.2.3-darwin-amd64.tar.gz");
        assert.equal(pulumiArchiveName("1.2.3", byId("darwin-arm64")), "pulumi-resource-alicloud-message-contacts-v1.2.3-darwin-arm64.tar.gz");
        assert.equal(pulumiArchiveName("1.2.3", byId("win-x64")), "pulumi-resource-alicloud-message-contacts-v1.2.3-windows-amd64.tar.gz");
        assert.equal(pulumiExecutableName(byId("linux-x64")), "pulumi-resource-alicloud-message-contacts");
        assert.equal(pulumiExecutableName(byId("win-x64")), "pulumi-resource-alicloud-message-contacts.exe");
    });

    it("Terraform files follow the registry's terraform-provider-<type>_<version>_<goos>_<goarch>.zip layout", () => {
        assert.equal(terraformZipName("1.2.3", byId("linux-x64")), `terraform-provider-${PROVIDER_TYPE}_1.2.3_linux_amd64.zip`);
        assert.equal(terraformZipName("1.2.3", byId("win-x64")), "terraform-provider-alicloudmessagecontacts_1.2.3_windows_amd64.zip");
        assert.equal(terraformZipName("1.2.3", byId("darwin-arm64")), "terraform-provider-alicloudmessagecontacts_1.2.3_darwin_arm64.zip");
        assert.equal(terraformExecutableName("1.2.3", byId("darwin-x64")), `${EXECUTABLE_NAME}_v1.2.3`);
        assert.equal(terraformExecutableName("1.2.3", byId("win-x64")), "terraform-provider-alicloudmessagecontacts_v1.2.3.exe");
        assert.equal(terraformSumsName("1.2.3"), "terraform-provider-alicloudmessagecontacts_1.2.3_SHA256SUMS");
        assert.equal(terraformSumsSignatureName("1.2.3"), "terraform-provider-alicloudmessagecontacts_1.2.3_SHA256SUMS.sig");
        assert.equal(terraformManifestName("1.2.3"), "terraform-provider-alicloudmessagecontacts_1.2.3_manifest.json");
    });

    it("the manifest declares protocol 6.0, as the registry reads it", () => {
        assert.deepEqual(JSON.parse(terraformManifest()), { version: 1, metadata: { protocol_versions: ["6.0"] } });
    });

    it("every platform has distinct archive names", () => {
        const names = PLATFORMS.flatMap((p) => [pulumiArchiveName("0.1.0", p), terraformZipName("0.1.0", p)]);
        assert.equal(new Set(names).size, PLATFORMS.length * 2);
    });

    it("a version that is not semantic, or an unknown platform, is refused by name", () => {
        assert.equal(checkVersion("1.2.3-beta.1"), "1.2.3-beta.1");
        assert.throws(() => pulumiArchiveName("v1.2.3", byId("linux-x64")), /version: "v1\.2\.3" is not a semantic version/);
        assert.throws(
            () => selectPlatforms(["linux-386"]),
            /unknown platform "linux-386"; accepted: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win-x64/,
        );
    });
});
