/**
 * How a read pages, retries and times out, beside what Alibaba Cloud's official provider's data sources do: a
 * section of both registries' docs, in each one's words. Our side is written from the client's own constants and
 * the option table; the official provider's from its sources (below).
 */
import { DEFAULT_RETRY_OPTIONS, MAX_PAGE_SIZE, OPTION_DEFINITIONS, OptionName, PAGE_SIZE_FALLBACKS, Place, Rule, Vocabulary } from "../provider/alibaba-client";

/**
 * What terraform-provider-alicloud's list data sources do (and `@pulumi/alicloud`'s functions, which are built
 * from it), as read in its sources: they ask 50 items a page and read the pages one after another until one comes
 * back short, and retry a throttled answer after a fixed 3 s wait for as long as a 5-minute budget lasts.
 */
export const OFFICIAL_DATA_SOURCES = { pageSize: 50, throttlingWaitSeconds: 3, retryBudgetMinutes: 5 } as const;

/** The default of a limit of the table, as a number. */
function defaultOf(name: OptionName): number {
    return Number(OPTION_DEFINITIONS[name].default);
}

/** `5 minutes`, `1 hour`, `30 s`, `1500 ms`. */
function durationWords(ms: number): string {
    const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
    if (ms % 3_600_000 === 0) return plural(ms / 3_600_000, "hour");
    if (ms % 60_000 === 0) return plural(ms / 60_000, "minute");
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The places a caller's users set an option in, as Markdown: `` `timeouts.read` and `timeout_ms` ``. */
function placesOf(name: OptionName, vocabulary: Vocabulary): string {
    const keys = [vocabulary.argument?.(name), vocabulary.setting?.(name)].filter((place): place is Place => place !== undefined).map((place) => place.key);
    return [...new Set(keys.length > 0 ? keys : [name])].map((key) => `\`${key}\``).join(" and ");
}

/** `1 s to 1 hour`: a time limit's range. */
function range(rule: Rule): string {
    return rule.kind === "integer" ? `${durationWords(rule.min)} to ${durationWords(rule.max)}` : "";
}

function row(cells: string[]): string {
    return `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
}

/**
 * The section, for a provider whose users set options as `vocabulary` names them; `official` names Alibaba
 * Cloud's official provider in the page's words.
 */
export function readBehaviourSection(vocabulary: Vocabulary, official: string): string {
    const set = (name: OptionName) => placesOf(name, vocabulary);
    const retry = DEFAULT_RETRY_OPTIONS;
    const limit = OPTION_DEFINITIONS.timeoutMs;
    const bothPlaces = vocabulary.argument?.("timeoutMs") !== undefined && vocabulary.setting?.("timeoutMs") !== undefined;
    return [
        "## How a read pages, retries and times out",
        "",
        `Beside the data sources of ${official}:`,
        "",
        row(["", "this provider", official]),
        "|---|---|---|",
        row([
            "pages",
            `${MAX_PAGE_SIZE} items a page by default (${set("pageSize")}; asked again at ${PAGE_SIZE_FALLBACKS.join(", then ")} if the service refuses the size). The first page tells the total and the page size the service used; the other pages are planned from them and fetched ${defaultOf("concurrency")} at a time by default (${set("concurrency")}).`,
            `${OFFICIAL_DATA_SOURCES.pageSize} items a page, one page after another, until a page comes back short.`,
        ]),
        row([
            "completeness",
            `Every page is checked against the first (the same total and page size, the items they imply), no item may come twice, and the total must match; a listing that changed while it was read starts over, at most ${defaultOf("maxListings")} times by default (${set("maxListings")}). A read gives the complete list or an error, never part of it.`,
            "Nothing checks that the pages agree: an item added or removed between two pages can be missed or read twice.",
        ]),
        row([
            "retries",
            `Throttling, \`ServiceUnavailable\`, \`InternalError\`, any 5xx, failed or broken connections and timeouts are retried, up to ${retry.maxAttempts} attempts per request by default (${set("maxAttempts")}), after a random wait below a ceiling that starts at ${retry.baseDelayMs} ms and doubles up to ${retry.maxDelayMs / 1000} s, or after the wait \`x-acs-retry-after\` asks for (up to ${retry.maxRetryAfterMs / 1000} s). The requests of one read share one adaptive rate limit, which slows down when the service throttles. Other 4xx answers are not retried.`,
            `A throttled answer is retried after a fixed ${OFFICIAL_DATA_SOURCES.throttlingWaitSeconds} s wait, again and again while a ${OFFICIAL_DATA_SOURCES.retryBudgetMinutes}-minute budget lasts.`,
        ]),
        row([
            "time limits",
            `The whole read, retries included: ${set("timeoutMs")} (${range(limit.rule)}, ${durationWords(defaultOf("timeoutMs"))} by default)${bothPlaces ? "; when both are set, the smaller holds, and the error names the one that was reached" : ""}. Each request's answer: ${set("requestTimeoutMs")} (${durationWords(defaultOf("requestTimeoutMs"))} by default); a request past it is retried.`,
            `The ${OFFICIAL_DATA_SOURCES.retryBudgetMinutes}-minute retry budget bounds the throttling retries.`,
        ]),
    ].join("\n");
}
