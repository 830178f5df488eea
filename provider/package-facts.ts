// Generated from package.json by `npm run generate`: edit package.json, not this file.

/** The fields of package.json that `packageManifest()` reads (see package-manifest.ts). */
export const PACKAGE_JSON_FACTS: unknown = {
    name: "pulumi-alicloud-message-contacts",
    license: "Apache-2.0",
    repository: {
        type: "git",
        url: "git+https://github.com/pulumi-alicloud-message-contacts/pulumi-alicloud-message-contacts.git",
    },
};
