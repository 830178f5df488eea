/** Longest host name DNS resolves: 253 characters, a final dot not counted (RFC 1035, 1123). */
export const MAX_HOST_NAME_LENGTH = 253;

/** Longest label (the part between dots) of a host name. */
export const MAX_LABEL_LENGTH = 63;

/** A label of letters, digits and hyphens that neither starts nor ends with a hyphen (RFC 1123). */
const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;

/**
 * What is wrong with `hostname` as a host name to connect to, or `undefined` when nothing is: an IP address
 * (IPv6 in brackets) or a name of letters, digits and hyphens, at most 253 characters, labels 1 to 63 characters.
 * Takes a URL's `hostname` (already lower-cased, an international name already in `xn--` form). Pure.
 */
export function hostNameProblem(hostname: string): string | undefined {
    if (hostname.startsWith("[")) return undefined;
    const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
    if (name === "") return "the host name is empty";
    if (name.length > MAX_HOST_NAME_LENGTH) return `the host name is ${name.length} characters long, more than ${MAX_HOST_NAME_LENGTH}`;
    const labels = name.split(".");
    const long = labels.findIndex((label) => label.length > MAX_LABEL_LENGTH);
    if (long >= 0) return `its label ${long + 1} is ${labels[long]?.length} characters long, more than ${MAX_LABEL_LENGTH}`;
    const bad = labels.findIndex((label) => !LABEL.test(label));
    if (bad >= 0) {
        return labels[bad] === ""
            ? `its label ${bad + 1} is empty (two dots in a row, or a leading dot)`
            : `its label ${bad + 1} is not letters, digits and hyphens (not starting or ending with a hyphen)`;
    }
    return undefined;
}
