/**
 * A reference, not a contender: the least CPU a page can cost on this machine with Node's own HTTP client.
 * Keep-alive node:http, the package's V3 signer, JSON.parse, the same 4-at-a-time schedule, and nothing else:
 * no validation, retries, checks or timeouts. The CPU target reads against it: no client can go below it.
 */
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { join } from "node:path";
import type { ListingOutcome } from "./contenders";
import type { EmulatorProcess } from "./emulator-process";
import { DIST } from "./paths";

interface Signing {
    signRpcCall(
        call: { host: string; action: string; version: string; query: Record<string, string> },
        key: { accessKeyId: string; accessKeySecret: string },
        date: Date,
        nonce: string,
    ): Record<string, string>;
    canonicalQuery(query: Record<string, string>): string;
}

interface Page {
    TotalCount: number;
    ContactVerifications: unknown[];
}

export async function listWithBareTransport(emulator: EmulatorProcess, pageSize: number, concurrency: number): Promise<ListingOutcome> {
    const signing = require(join(DIST, "provider", "alibaba-client", "signing", "index.js")) as Signing;
    const { hostname, port, host } = new URL(emulator.url);
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const page = (pageNumber: number) =>
        new Promise<Page>((resolve, reject) => {
            const query = { PageNumber: String(pageNumber), PageSize: String(pageSize) };
            const headers = signing.signRpcCall(
                { host, action: "ListMessageContactVerifications", version: "2022-04-19", query },
                emulator,
                new Date(),
                randomBytes(16).toString("hex"),
            );
            const req = request({ agent, hostname, port, method: "POST", path: `/?${signing.canonicalQuery(query)}`, headers }, (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (chunk: Buffer) => chunks.push(chunk));
                res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Page));
                res.on("error", reject);
            });
            req.on("error", reject);
            req.end();
        });
    try {
        const first = await page(1);
        const pages = Math.max(1, Math.ceil(first.TotalCount / pageSize));
        const rest: unknown[][] = [];
        let next = 2;
        const worker = async () => {
            for (let n = next++; n <= pages; n = next++) rest[n] = (await page(n)).ContactVerifications;
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        const items = first.ContactVerifications.concat(...rest.filter(Boolean));
        return { items: items.length, totalCount: first.TotalCount, pages };
    } finally {
        agent.destroy();
    }
}
