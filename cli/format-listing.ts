import { escapeUnsafeCharacters, MessageContactVerification } from "../provider/alibaba-client";

/** The listing as one JSON document. */
export function formatJson(totalCount: number, verifications: readonly MessageContactVerification[]): string {
    return JSON.stringify({ totalCount, verifications }, null, 2) + "\n";
}

/** One JSON object per line, one line per verification. */
export function formatNdjson(verifications: readonly MessageContactVerification[]): string {
    return verifications.map((v) => JSON.stringify(v) + "\n").join("");
}

/** An aligned two-column table with a count line, control characters from the service escaped. */
export function formatTable(verifications: readonly MessageContactVerification[]): string {
    const rows = [["CONTACT ID", "TARGET"], ...verifications.map((v) => [escapeUnsafeCharacters(v.contactId), escapeUnsafeCharacters(v.target)])];
    const width = Math.max(...rows.map(([id]) => (id ?? "").length));
    const lines = rows.map(([id, target]) => `${(id ?? "").padEnd(width)}  ${target}`);
    const count = `${verifications.length} pending verification${verifications.length === 1 ? "" : "s"}`;
    return [...lines, "", count].join("\n") + "\n";
}
