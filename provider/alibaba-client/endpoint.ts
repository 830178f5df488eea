import { InvalidArgumentError } from "./errors/argument-error";
import { serviceText } from "./errors/service-text";
import { hostNameProblem } from "./host-name";

/** Where Resource Directory answers by default (China site). */
export const DEFAULT_ENDPOINT_HOST = "resourcedirectory.aliyuncs.com";

/** A resolved endpoint. */
export interface Endpoint {
    /** `https://host[:port]`, what connections are pooled by. */
    readonly origin: string;
    /** `host[:port]` as sent (and signed) in the `host` header. */
    readonly host: string;
}

/** 127.0.0.0/8, `localhost` and `::1`: the only hosts plain `http://` is accepted for. */
export function isLoopbackHost(hostname: string): boolean {
    const bare = hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** How a value that is not a string is named in a message. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
    object: "an object",
    number: "a number",
    boolean: "a boolean",
    bigint: "a BigInt",
    symbol: "a symbol",
    function: "a function",
};

/** How an endpoint can start before its authority: a scheme followed by slashes, or slashes alone. */
const BEFORE_AUTHORITY = /^(?:[a-z][a-z0-9+.-]*:(?=[/\\]))?[/\\]*/i;

/**
 * An endpoint as a message may show it: trimmed, the user info (everything up to the last `@` of the authority,
 * which ends at the first `/`, `?` or `#`) replaced by `***`, control characters escaped, at most 200
 * characters, quoted. Anything but a string is named by its type only, never printed: an object given as an
 * endpoint may hold credentials. Pure.
 */
export function shownEndpoint(value: unknown): string {
    if (typeof value !== "string") return value === null ? "null" : Array.isArray(value) ? "an array" : (TYPE_NAMES[typeof value] ?? typeof value);
    const text = value.trim();
    const start = BEFORE_AUTHORITY.exec(text)?.[0].length ?? 0;
    const authorityEnd = text.slice(start).search(/[/?#]/);
    const end = authorityEnd < 0 ? text.length : start + authorityEnd;
    const at = text.lastIndexOf("@", end - 1);
    const redacted = at >= start ? `${text.slice(0, start)}***${text.slice(at)}` : text;
    return `"${serviceText(redacted, 200)}"`;
}

/**
 * Parses an endpoint given as a host (`resourcedirectory-intl.aliyuncs.com`), a host and port, or a URL with
 * scheme and port (`http://127.0.0.1:8080`). `https` unless said otherwise; `http` only for loopback hosts.
 */
export function parseEndpoint(value: string, field = "endpoint"): Endpoint {
    // JavaScript callers and configuration can hand over anything.
    if (typeof value !== "string") throw new InvalidArgumentError(field, `${field} must be a host name or an http(s) URL; got ${shownEndpoint(value)}.`);
    const text = value.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new InvalidArgumentError(field, `${field} must be a host name or an http(s) URL; got ${shownEndpoint(value)}.`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new InvalidArgumentError(field, `${field} must use https:// (or http:// for a loopback host); got ${url.protocol}//.`);
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
        throw new InvalidArgumentError(
            field,
            `${field} uses plain http:// for ${url.hostname}; only https:// is accepted except for loopback hosts ` +
                "(127.0.0.1, localhost, ::1), so signed requests never cross a network in clear text.",
        );
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
        throw new InvalidArgumentError(
            field,
            `${field} must be a host or scheme://host[:port] with no path, query or credentials; got ${shownEndpoint(value)}.`,
        );
    }
    const problem = hostNameProblem(url.hostname);
    if (problem !== undefined) {
        throw new InvalidArgumentError(
            field,
            `${field} must name a valid host (letters, digits, hyphens and dots, at most 253 characters, labels at most 63); ${problem}; got ${shownEndpoint(value)}.`,
        );
    }
    return { origin: url.origin, host: url.host };
}

/** The Resource Directory hosts by site. */
export const SITE_HOSTS = {
    china: DEFAULT_ENDPOINT_HOST,
    international: "resourcedirectory-intl.aliyuncs.com",
    vpc: "resourcedirectory.vpc-proxy.aliyuncs.com",
} as const;

/** Mainland China regions (`cn-hangzhou`, `cn-shanghai`, ...) belong to the China site; Hong Kong does not. */
export function isChinaRegion(region: string): boolean {
    return region.startsWith("cn-") && region !== "cn-hongkong";
}

/** An endpoint given somewhere, and where, for messages (`stack config alicloud:endpoints resourcedirectory`). */
export interface GivenEndpoint {
    value: string | undefined;
    field: string;
}

/** Everything that can choose the endpoint. */
export interface EndpointSources {
    /** Endpoints given explicitly, highest precedence first: the first one set wins. */
    given?: readonly GivenEndpoint[];
    /** `vpc` selects the VPC endpoint. */
    endpointType?: "public" | "vpc";
    /** The region: international regions use the international site. */
    region?: string;
}

/**
 * Chooses the endpoint, first match wins: the first of `given` that is set (parsed, a bad one named by its
 * field); `endpointType: "vpc"`; the region's site (international regions use
 * `resourcedirectory-intl.aliyuncs.com`); the China site. Pure.
 */
export function resolveEndpoint(sources: EndpointSources = {}): Endpoint {
    const given = sources.given?.find((g) => g.value !== undefined && g.value !== "");
    if (given?.value !== undefined) return parseEndpoint(given.value, given.field);
    if (sources.endpointType === "vpc") return parseEndpoint(SITE_HOSTS.vpc);
    if (sources.region && !isChinaRegion(sources.region)) return parseEndpoint(SITE_HOSTS.international);
    return parseEndpoint(SITE_HOSTS.china);
}
