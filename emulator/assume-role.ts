import { createHash } from "node:crypto";
import { formatAcsDate } from "../provider/alibaba-client";
import { ApiError, apiError } from "./api-error";
import { IssuedSecrets } from "./credential-registry";
import { OperationResult } from "./list-message-contact-verifications";

/** The product, API version and action of STS `AssumeRole`. */
export const ASSUME_ROLE = { product: "Sts", version: "2015-04-01", action: "AssumeRole" } as const;

/** What a well-formed role ARN looks like: `acs:ram::<account id>:role/<role name>`. */
export const ROLE_ARN_PATTERN = /^acs:ram::\d+:role\/[\w.@+=,-]+$/i;
/** What a well-formed `RoleSessionName` looks like. */
export const ROLE_SESSION_NAME_PATTERN = /^[\w.@-]{2,64}$/;
/** The `DurationSeconds` range STS accepts, and its default. */
export const DURATION_SECONDS = { min: 900, max: 43_200, default: 3600 } as const;

/** How `AssumeRole` behaves, from the emulator's options. */
export interface AssumeRolePolicy {
    /** The assumable role ARNs, lower-cased; `undefined` for any well-formed ARN. */
    roles: ReadonlySet<string> | undefined;
    /** Overrides the credentials' lifetime (milliseconds); `undefined` to use `DurationSeconds`. */
    lifetimeMs: number | undefined;
}

/** Issues credentials; the emulator's {@link CredentialRegistry}. */
export interface CredentialIssuer {
    issue(request: { roleArn: string; roleSessionName: string; lifetimeMs: number }): IssuedSecrets;
}

/** A successful `AssumeRole` answer's body, without its `RequestId`. */
export interface AssumeRoleResult {
    AssumedRoleUser: { Arn: string; AssumedRoleId: string };
    Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
}

const ERRORS = {
    missingRoleArn: () => apiError(400, "MissingRoleArn", "RoleArn is mandatory for this action."),
    invalidRoleArn: () => apiError(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed."),
    missingSessionName: () => apiError(400, "MissingRoleSessionName", "RoleSessionName is mandatory for this action."),
    invalidSessionName: () => apiError(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed."),
    invalidDuration: () =>
        apiError(400, "InvalidParameter.DurationSeconds", `The Min/Max value of DurationSeconds is ${DURATION_SECONDS.min}/${DURATION_SECONDS.max} seconds.`),
    invalidPolicy: () => apiError(400, "InvalidParameter.PolicyGrammar", "The parameter Policy has not a valid grammar."),
    roleNotFound: (arn: string) => apiError(404, "EntityNotExist.Role", `The specified Role not exists: ${arn}.`),
} as const;

function isJsonObject(text: string): boolean {
    try {
        const value: unknown = JSON.parse(text);
        return typeof value === "object" && value !== null && !Array.isArray(value);
    } catch {
        return false;
    }
}

/** A stable, role-specific numeric ID, as RAM gives each role. */
function roleId(roleArn: string): string {
    const digest = createHash("sha256").update(roleArn.toLowerCase()).digest();
    return (digest.readBigUInt64BE(0) % 10n ** 17n).toString().padStart(17, "1");
}

/**
 * STS `AssumeRole`: validates `RoleArn`, `RoleSessionName`, `DurationSeconds` and `Policy` (in that order,
 * then the role's existence) and issues temporary credentials. `ExternalId` is accepted and ignored.
 * `Expiration` is UTC ISO 8601 without milliseconds, rounded down to the second.
 */
export function assumeRole(params: Readonly<Record<string, string>>, policy: AssumeRolePolicy, issuer: CredentialIssuer): OperationResult<AssumeRoleResult> {
    const fail = (error: ApiError): OperationResult<AssumeRoleResult> => ({ ok: false, error });

    const roleArn = params["RoleArn"];
    if (!roleArn) return fail(ERRORS.missingRoleArn());
    if (!ROLE_ARN_PATTERN.test(roleArn)) return fail(ERRORS.invalidRoleArn());

    const roleSessionName = params["RoleSessionName"];
    if (!roleSessionName) return fail(ERRORS.missingSessionName());
    if (!ROLE_SESSION_NAME_PATTERN.test(roleSessionName)) return fail(ERRORS.invalidSessionName());

    const rawDuration = params["DurationSeconds"];
    const durationSeconds = rawDuration === undefined ? DURATION_SECONDS.default : Number(rawDuration);
    if ((rawDuration !== undefined && !/^\d+$/.test(rawDuration)) || durationSeconds < DURATION_SECONDS.min || durationSeconds > DURATION_SECONDS.max) {
        return fail(ERRORS.invalidDuration());
    }

    const sessionPolicy = params["Policy"];
    if (sessionPolicy !== undefined && !isJsonObject(sessionPolicy)) return fail(ERRORS.invalidPolicy());

    if (policy.roles && !policy.roles.has(roleArn.toLowerCase())) return fail(ERRORS.roleNotFound(roleArn));

    const issued = issuer.issue({
        roleArn,
        roleSessionName,
        lifetimeMs: policy.lifetimeMs ?? durationSeconds * 1000,
    });
    return {
        ok: true,
        body: {
            AssumedRoleUser: {
                Arn: `${roleArn}/${roleSessionName}`,
                AssumedRoleId: `${roleId(roleArn)}:${roleSessionName}`,
            },
            Credentials: {
                AccessKeyId: issued.accessKeyId,
                AccessKeySecret: issued.accessKeySecret,
                SecurityToken: issued.securityToken,
                Expiration: formatAcsDate(new Date(issued.expiresAt)),
            },
        },
    };
}
