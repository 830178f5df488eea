import { strict as assert } from "node:assert";
import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { z } from "zod";
import { call, expectPage, Target } from "./client";

const MAIN = join(__dirname, "..", "..", "emulator", "main.ts");

function runCli(args: string[]): ChildProcessWithoutNullStreams {
    return spawn(process.execPath, ["-r", "ts-node/register", MAIN, ...args], {
        cwd: join(__dirname, "..", ".."),
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
    let text = "";
    for await (const chunk of child.stdout) {
        text += String(chunk);
        const end = text.indexOf("\n");
        if (end >= 0) return text.slice(0, end);
    }
    throw new Error(`the emulator exited without printing its address: ${text}`);
}

const bannerSchema = z.strictObject({ url: z.string(), accessKeyId: z.string(), accessKeySecret: z.string() });

describe("emulator: command line", function () {
    this.timeout(30_000);

    it("prints its URL and fake keys as one JSON line, serves demo data, and stops on SIGTERM", async () => {
        const child = runCli(["--demo", "12", "--max-page-size", "5"]);
        try {
            const banner = bannerSchema.parse(JSON.parse(await firstLine(child)));
            assert.equal(banner.accessKeyId, "emulator-access-key-id");
            const url = new URL(banner.url);
            assert.equal(url.hostname, "127.0.0.1");
            const target: Target = {
                url: banner.url,
                host: url.host,
                account: { accessKeyId: banner.accessKeyId, accessKeySecret: banner.accessKeySecret },
            };
            const page = expectPage(await call(target, { query: { PageSize: "5", PageNumber: "3" } }));
            assert.equal(page.TotalCount, 12);
            assert.equal(page.ContactVerifications.length, 2);
        } finally {
            child.kill("SIGTERM");
        }
        const [code] = await once(child, "exit");
        assert.equal(code, 0);
    });

    it("exits with code 2 and the usage on a bad argument", async () => {
        const child = runCli(["--demo", "many"]);
        let stderr = "";
        child.stderr.on("data", (chunk) => (stderr += String(chunk)));
        const [code] = await once(child, "exit");
        assert.equal(code, 2);
        assert.match(stderr, /--demo must be an integer/);
        assert.match(stderr, /Usage:/);
    });
});

describe("emulator: command line, a port in use", function () {
    this.timeout(30_000);
    it("says so in one line and exits 1", async () => {
        const { createServer } = await import("node:net");
        const holder = createServer();
        await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
        const port = (holder.address() as { port: number }).port;
        try {
            const child = runCli(["--port", String(port)]);
            let stderr = "";
            child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
            const [code] = (await once(child, "exit")) as [number];
            assert.equal(code, 1);
            assert.equal(stderr, `emulator: port ${port} on 127.0.0.1 is in use; choose another with --port, or leave it out for any free port\n`);
        } finally {
            holder.close();
        }
    });
});
