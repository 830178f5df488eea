/**
 * Both registries' docs say how a read pages, retries and times out beside Alibaba Cloud's official provider's
 * data sources (50 items a page, one page after another, a fixed 3 s wait on throttling inside a 5-minute budget),
 * with this package's own figures as the client uses them, in each registry's words.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_RETRY_OPTIONS, LIST_DEFAULTS, MAX_PAGE_SIZE } from "../../provider/alibaba-client";
import { REPO_ROOT } from "../support/consumer-project";

/** The section of a page, from its heading to the next. */
function section(page: string): string {
    const text = readFileSync(join(REPO_ROOT, page), "utf8");
    const start = text.indexOf("## How a read pages, retries and times out");
    assert.ok(start >= 0, `${page} has the section`);
    const end = text.indexOf("\n## ", start + 3);
    return text.slice(start, end < 0 ? undefined : end);
}

const PAGES = [
    { page: "docs/index.md", timeLimit: /`timeouts\.read` and `timeout_ms`/, pageSize: "`page_size`", attempts: "`max_attempts`" },
    { page: "docs/_index.md", timeLimit: /`timeoutMs` and `alicloud-message-contacts:timeoutMs`/, pageSize: "`pageSize`", attempts: "`maxAttempts`" },
];

describe("both registries' docs compare paging, retries and time limits with the official provider's data sources", () => {
    for (const { page, timeLimit, pageSize, attempts } of PAGES) {
        it(`${page}`, () => {
            const text = section(page);
            // The official provider's data sources, as its sources page and retry.
            assert.match(text, /50 items a page, one page after another/);
            assert.match(text, /fixed 3 s wait, again and again while a 5-minute budget lasts/);
            // Ours, with the figures the client uses, named as this registry's users set them.
            assert.ok(text.includes(`${MAX_PAGE_SIZE} items a page by default (${pageSize}`), "page size");
            assert.ok(text.includes(`fetched ${LIST_DEFAULTS.concurrency} at a time`), "concurrency");
            assert.ok(text.includes(`up to ${DEFAULT_RETRY_OPTIONS.maxAttempts} attempts per request by default (${attempts}`), "attempts");
            assert.ok(
                text.includes(`starts at ${DEFAULT_RETRY_OPTIONS.baseDelayMs} ms and doubles up to ${DEFAULT_RETRY_OPTIONS.maxDelayMs / 1000} s`),
                "backoff",
            );
            assert.match(text, timeLimit);
            assert.match(text, /when both are set, the smaller holds/);
        });
    }
});
