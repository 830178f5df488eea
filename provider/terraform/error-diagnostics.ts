/**
 * A read's error as a Terraform diagnostic: what failed, the service's code and RequestId (in the package's
 * message, already bounded, escaped and free of secrets), what to do, and the attribute it is about. Never a
 * stack trace.
 */
import {
    AlibabaCloudApiError,
    InvalidArgumentError,
    LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES,
    MessageContactsError,
    TransportError,
    TransportFailure,
} from "../alibaba-client";
import { CallCancelledError } from "../plugin-process/call-cancellation";
import { attributeError } from "./provider-config";
import { DATA_SOURCE_ARGUMENTS, snakeCase } from "./terraform-names";
import type { Diagnostic } from "./tfplugin6-messages";

const CODES = LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES;

/** The service's codes that are about `contact_id`. */
const CONTACT_ID_CODES: readonly string[] = [CODES.contactNotFound, CODES.invalidContactId];

/** What to do about a service error, by its code. */
export function adviceFor(error: AlibabaCloudApiError): string {
    if (error.code === CODES.contactNotFound)
        return "No message contact has this contact_id in the account: check the ID (c-...) among the Resource Directory's message contacts, or leave contact_id out to list every contact's.";
    if (error.code === CODES.invalidContactId)
        return 'contact_id is not a message contact ID: use the ID of a message contact, "c-" followed by letters and digits.';
    if (error.retryable) return "The service kept failing or throttling after every attempt: run again later, or raise max_attempts.";
    if (/^(InvalidAccessKeyId|SignatureDoesNotMatch|Forbidden|NoPermission|InvalidSecurityToken|IncompleteSignature)/.test(error.code))
        return "Check the credentials (the provider's access_key/secret_key, ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY, profile or assume_role) and that they may call resourcedirectory:ListMessageContactVerifications.";
    return "Check the provider's settings and the data source's arguments, then run again; quote the RequestId to Alibaba Cloud's support if it persists.";
}

/** What to do about a network failure, in the words of the provider's and the data source's attributes. */
const TRANSPORT_ADVICE: Readonly<Record<TransportFailure, string>> = {
    Timeout:
        "A time limit passed: the read's (timeoutMs in the message is the timeouts block's read, default 5m) or one request's (request_timeout_ms). Raise the one the message names, or run again.",
    ConnectionFailed:
        "Check the endpoint (the provider's endpoint, endpoints.resourcemanager, or ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER; else region and endpoint_type choose it) and the network.",
    ConnectionReset: "The connection broke after every attempt: check the network and proxies, then run again.",
    TlsFailed: "The endpoint's TLS certificate was refused: check the endpoint's host name.",
    ResponseTooLarge: "An answer passed max_response_bytes: raise it if the service's pages are that large, or check the endpoint.",
    ListingTooLarge: "The answers of the read passed max_listing_bytes in all: raise it if the listing is that large, or check the endpoint.",
};

/** The attribute path of an argument named in an {@link InvalidArgumentError}'s field, when it is the data source's. */
function argumentPath(field: string): string[] | undefined {
    const attribute = field.replace(/^argument /, "");
    return DATA_SOURCE_ARGUMENTS.map(snakeCase).includes(attribute) ? [attribute] : undefined;
}

/** The diagnostic of an error thrown by a read. */
export function errorDiagnostic(error: unknown): Diagnostic {
    if (error instanceof AlibabaCloudApiError) {
        const summary = `${error.operation ?? "ListMessageContactVerifications"} failed: ${error.code}`;
        const detail = `${error.message}\n\n${adviceFor(error)}`;
        return CONTACT_ID_CODES.includes(error.code) ? attributeError(["contact_id"], summary, detail) : { severity: "ERROR", summary, detail };
    }
    if (error instanceof InvalidArgumentError) {
        const path = argumentPath(error.field);
        const summary = `Invalid ${path ? path.join(".") : error.field}`;
        return path ? attributeError(path, summary, error.message) : { severity: "ERROR", summary, detail: error.message };
    }
    if (error instanceof TransportError) {
        return {
            severity: "ERROR",
            summary: `ListMessageContactVerifications failed: ${error.failure}`,
            detail: `${error.message}\n\n${TRANSPORT_ADVICE[error.failure]}`,
        };
    }
    if (error instanceof CallCancelledError) return { severity: "ERROR", summary: "The read was stopped", detail: error.message };
    if (error instanceof MessageContactsError)
        return { severity: "ERROR", summary: `Listing message contact verifications failed: ${error.code}`, detail: error.message };
    const text = error instanceof Error ? error.message : String(error);
    return { severity: "ERROR", summary: "Internal error of the alicloudmessagecontacts provider", detail: text };
}
