/**
 * The client's second entry: what checks options and settings, and nothing that lists. The option table with its
 * rules, the reading of settings and arguments, the bounding and quoting of text shown, the names of the default
 * chain's credential variables and the redaction of credential values; not the listing, the credentials chain,
 * signing, the transport, outputs or zod (which its rules load only where a parse needs it). An adapter whose
 * validation runs in a process of its own (a Terraform provider's validation start) imports this, so that such a
 * start loads only what validation needs; everything here is also exported by the index (`./index.ts`).
 */
export * from "./options";
export { quotedText, serviceText } from "./errors/service-text";
export { CREDENTIAL_ENV } from "./credentials/credential-env";
export { redactValues } from "./credentials/redact-values";
