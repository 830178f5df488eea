// Generated from option-table.ts by `npm run generate`; edit the table, not this file (a test fails when it is stale).

/** A RAM role to assume with STS before listing, with the credentials found otherwise. */
export interface AssumeRoleSettings {
    /** The role's ARN, acs:ram::<account>:role/<name>. */
    roleArn: string;
    /** The session name. */
    sessionName?: string;
    /** Lifetime of the temporary credentials, in seconds. 900..43200. */
    sessionExpiration?: number;
    /** The external ID the role's trust policy requires. */
    externalId?: string;
    /** A RAM policy (JSON text) that further restricts the role's permissions. */
    policy?: string;
}

/** Every option of the package, by name: each is set as an argument, a resource input or a setting (see the option table). */
export interface OptionValues {
    /** List only this message contact's pending verifications. Default: every contact's. */
    contactId?: string;
    /** Items asked per page; stepped down to 50, then 10, if the service rejects it. From 1 to 100. Default: 100. */
    pageSize?: number;
    /**
     * The API's host (resourcedirectory-intl.aliyuncs.com) or URL; http:// only for loopback hosts (an emulator).
     * Default: the endpoints entry resourcedirectory (else resourcemanager), else env
     * ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER, else chosen by endpointType and region.
     */
    endpoint?: string;
    /** "vpc" selects resourcedirectory.vpc-proxy.aliyuncs.com. Default: "public". */
    endpointType?: "public" | "vpc";
    /**
     * The region, which chooses the site: international regions use resourcedirectory-intl.aliyuncs.com. Default: env
     * ALICLOUD_REGION, else ALIBABA_CLOUD_REGION, else the China site.
     */
    region?: string;
    /** Where STS AssumeRole is called for assumeRole. Default: the sts entry of endpoints, else sts.aliyuncs.com. */
    stsEndpoint?: string;
    /** Pages fetched at once after the first. From 1 to 32. Default: 4. */
    concurrency?: number;
    /** Attempts per request, the first included. From 1 to 20. Default: 5. */
    maxAttempts?: number;
    /** Complete listings attempted when the data changes while it is read. From 1 to 10. Default: 3. */
    maxListings?: number;
    /**
     * "checked": one pass; every page is checked against the first, duplicates and the total are checked, and a
     * listing that changed starts over. "snapshot": also confirmed by a second, identical listing, which catches a
     * change that keeps every count (twice the requests). Default: "checked"; "snapshot" for the resource.
     */
    consistency?: "checked" | "snapshot";
    /**
     * Time limit of the whole listing in milliseconds, retries included; when a listing and its provider both set
     * one, the smaller holds. From 1000 to 3600000. Default: 300000.
     */
    timeoutMs?: number;
    /**
     * Time limit of one request's answer in milliseconds (waiting for headers, and between body chunks); a request
     * past it is retried. From 100 to 600000. Default: 30000.
     */
    requestTimeoutMs?: number;
    /** Largest answer accepted, in bytes. From 1024 to 268435456. Default: 8388608. */
    maxResponseBytes?: number;
    /**
     * Most bytes of answers one listing reads in all (every page, retries and confirming reads included), so that a
     * broken or hostile endpoint cannot exhaust memory. From 1048576 to 17179869184. Default: 268435456.
     */
    maxListingBytes?: number;
    /**
     * A file to write the result to, as JSON, at every read (previews and plans too): replaced at once, never in
     * part, with mode 0600, and holding the result only, never a credential. A leading ~/ is the home folder.
     * Default: none.
     */
    outputFile?: string;
    /**
     * Record verifications, targets and pendingByTarget as secrets (encrypted in state, [secret] in previews).
     * Default: false.
     */
    secretTargets?: boolean;
    /**
     * AccessKey ID; with the AccessKey secret, wins over every other source of credentials. Default: the credential
     * chain, which reads env ALICLOUD_ACCESS_KEY.
     */
    accessKeyId?: string;
    /** AccessKey secret. Default: the credential chain, which reads env ALICLOUD_SECRET_KEY. */
    accessKeySecret?: string;
    /** STS security token, with temporary credentials. Default: env ALICLOUD_SECURITY_TOKEN, else none. */
    securityToken?: string;
    /**
     * A profile of the aliyun CLI's ~/.aliyun/config.json to take credentials from. Default: env ALICLOUD_PROFILE,
     * else none.
     */
    profile?: string;
    /** A RAM role to assume with STS before listing, with the credentials found otherwise. Default: none. */
    assumeRole?: AssumeRoleSettings;
    /**
     * Endpoints by service code: resourcedirectory (else resourcemanager) for the API, sts for AssumeRole. Default:
     * none.
     */
    endpoints?: Readonly<Record<string, string>>;
}
