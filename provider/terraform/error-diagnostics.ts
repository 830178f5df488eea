/**
 * A read's error as a Terraform diagnostic: what failed, the service's code and RequestId (in the package's
 * message, already bounded, escaped and free of secrets), what to do, and the attribute it is about. Never a
 * stack trace. The advice names attributes, blocks and environment variables as a Terraform user writes them,
 * derived from the option table ({@link TERRAFORM_VOCABULARY}, {@link TERRAFORM_WORDS}), never typed out here.
 */
import {
    acceptedText,
    AlibabaCloudApiError,
    argumentConcernedBy,
    credentialChainText,
    defaultDocumentation,
    InvalidArgumentError,
    LIST_MESSAGE_CONTACT_VERIFICATIONS,
    LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES,
    MessageContactsError,
    OPTION_DEFINITIONS,
    OptionName,
    placeText,
    TransportError,
    TransportFailure,
} from "../alibaba-client";
import { CallCancelledError } from "../plugin-process/call-cancellation";
import { attributeError } from "./provider-config";
import { DATA_SOURCE_ARGUMENTS, READ_TIMEOUT, TERRAFORM_VOCABULARY, TERRAFORM_WORDS } from "./terraform-names";
import type { Diagnostic } from "./tfplugin6-messages";

const CODES = LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES;
const nameOf = TERRAFORM_WORDS.nameOf;

/** The attribute path of an option the data source takes, if it takes it: its argument, or `timeouts.read` for the time limit. */
function argumentPathOf(name: OptionName): string[] | undefined {
    return TERRAFORM_VOCABULARY.argument?.(name)?.key.split(".");
}

/** What to do about a service error, by its code. */
export function adviceFor(error: AlibabaCloudApiError): string {
    const contactId = nameOf("contactId");
    const contactIdAccepts = acceptedText(OPTION_DEFINITIONS.contactId.rule);
    if (error.code === CODES.contactNotFound)
        return `No message contact has this ${contactId} in the account: check the ID among the Resource Directory's message contacts, or leave ${contactId} out to list every contact's.`;
    if (error.code === CODES.invalidContactId) return `${contactId} is not a message contact ID: use ${contactIdAccepts}.`;
    if (error.code === CODES.missingContactId) return `The service asked for ${contactId}: set it to ${contactIdAccepts}.`;
    if (error.retryable) return `The service kept failing or throttling after every attempt: run again later, or raise ${nameOf("maxAttempts")}.`;
    if (/^(InvalidAccessKeyId|SignatureDoesNotMatch|Forbidden|NoPermission|InvalidSecurityToken|IncompleteSignature)/.test(error.code))
        return `Check the credentials (first found: ${credentialChainText(TERRAFORM_VOCABULARY, true)}) and that a RAM policy allows them ${LIST_MESSAGE_CONTACT_VERIFICATIONS.ramAction}.`;
    return "Check the provider's settings and the data source's arguments, then run again; quote the RequestId to Alibaba Cloud's support if it persists.";
}

/** What to do about a network failure; the message itself names the limit that was hit and where it was set. */
const TRANSPORT_ADVICE: Readonly<Record<TransportFailure, string>> = {
    Timeout: "A time limit passed (the message names it, and where it was set): raise that one, or run again.",
    ConnectionFailed: `Check the endpoint (${placeText(TERRAFORM_VOCABULARY.setting?.("endpoint") ?? { prefix: "", key: nameOf("endpoint") })}, else ${defaultDocumentation("endpoint", TERRAFORM_WORDS) ?? ""}) and the network.`,
    ConnectionReset: "The connection broke after every attempt: check the network and proxies, then run again.",
    TlsFailed: "The endpoint's TLS certificate was refused: check the endpoint's host name.",
    ResponseTooLarge: "An answer passed the limit the message names: raise it if the service's pages are that large, or check the endpoint.",
    ListingTooLarge: "The answers of the read passed the limit the message names, in all: raise it if the listing is that large, or check the endpoint.",
};

/** The attribute path of the data source's argument an {@link InvalidArgumentError} names, if it names one. */
function argumentPath(field: string): string[] | undefined {
    for (const name of [...DATA_SOURCE_ARGUMENTS, READ_TIMEOUT.option]) {
        const place = TERRAFORM_VOCABULARY.argument?.(name);
        if (place && (field === place.key || field === placeText(place))) return argumentPathOf(name);
    }
    return undefined;
}

/** The diagnostic of an error thrown by a read. */
export function errorDiagnostic(error: unknown): Diagnostic {
    if (error instanceof AlibabaCloudApiError) {
        const summary = `${error.operation ?? LIST_MESSAGE_CONTACT_VERIFICATIONS.action} failed: ${error.code}`;
        const detail = `${error.message}\n\n${adviceFor(error)}`;
        const concerned = argumentConcernedBy(error.code);
        const path = concerned === undefined ? undefined : argumentPathOf(concerned);
        return path ? attributeError(path, summary, detail) : { severity: "ERROR", summary, detail };
    }
    if (error instanceof InvalidArgumentError) {
        const path = argumentPath(error.field);
        const summary = `Invalid ${path ? path.join(".") : error.field}`;
        return path ? attributeError(path, summary, error.message) : { severity: "ERROR", summary, detail: error.message };
    }
    if (error instanceof TransportError) {
        return {
            severity: "ERROR",
            summary: `${LIST_MESSAGE_CONTACT_VERIFICATIONS.action} failed: ${error.failure}`,
            detail: `${error.message}\n\n${TRANSPORT_ADVICE[error.failure]}`,
        };
    }
    if (error instanceof CallCancelledError) return { severity: "ERROR", summary: "The read was stopped", detail: error.message };
    if (error instanceof MessageContactsError)
        return { severity: "ERROR", summary: `Listing message contact verifications failed: ${error.code}`, detail: error.message };
    const text = error instanceof Error ? error.message : String(error);
    return { severity: "ERROR", summary: "Internal error of the alicloudmessagecontacts provider", detail: text };
}
