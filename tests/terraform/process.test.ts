/**
 * The packed Terraform provider's lifetime: it exits, quietly and with its socket removed, when the CLI that
 * started it dies without calling Shutdown; and it does not take the end of its stdin (the CLI's own, which ends
 * under `echo yes | terraform apply`) for the CLI's end.
 */
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_PARENT_POLL_MS } from "../../provider/plugin-process/parent-watch";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { hasExited, parentOf, waitForExit } from "../support/process-state";
import { startUnderStandInCli } from "../support/stand-in-cli";
import { handshakeOf, MAGIC_COOKIE, parseHandshake, spawnProvider, TERRAFORM_PROVIDER_EXECUTABLE } from "../support/terraform-provider";

/** A bound for a provider that should exit, so that one that does not fails the test instead of hanging it. */
const EXIT_LIMIT_MS = 10_000;

describe("Terraform provider process: it exits when the CLI is gone", function () {
    this.timeout(60_000);
    let project: ConsumerProject;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
    });

    it("exits when the CLI dies (SIGKILL) without Shutdown, printing nothing, its socket removed", async () => {
        const executable = `${project.dir}/node_modules/.bin/${TERRAFORM_PROVIDER_EXECUTABLE}`;
        const standIn = await startUnderStandInCli(executable, project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6" });
        const { cli, providerPid } = standIn;
        try {
            const { address } = parseHandshake(standIn.handshakeLine);
            assert.ok(existsSync(address), `the socket ${address} exists`);
            const parent = parentOf(providerPid);
            if (parent !== undefined) assert.equal(parent, cli.pid, "the provider's parent is the stand-in CLI");

            cli.kill("SIGKILL");
            await waitForExit(providerPid, "the provider whose CLI was killed", EXIT_LIMIT_MS);
            await new Promise((resolve) => (!cli.stderr || cli.stderr.readableEnded ? resolve(undefined) : cli.stderr.once("end", resolve)));
            assert.equal(standIn.stderr(), "");
            assert.ok(!existsSync(address), "the socket is removed");
            assert.ok(!existsSync(dirname(address)), "and its folder");
        } finally {
            cli.kill("SIGKILL");
            if (!hasExited(providerPid)) process.kill(providerPid, "SIGKILL");
        }
    });

    it("a SIGTERM ends it, its socket removed", async () => {
        const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6" });
        const { address } = await handshakeOf(provider);
        assert.ok(existsSync(address));
        provider.child.kill("SIGTERM");
        const { code } = await provider.exited;
        assert.equal(code, 143);
        assert.ok(!existsSync(address), "the socket is removed");
        assert.ok(!existsSync(dirname(address)), "and its folder");
        assert.equal(provider.stderr(), "");
    });

    it("keeps serving when its stdin ends while the CLI lives", async () => {
        const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6" }, "pipe");
        try {
            await handshakeOf(provider);
            provider.child.stdin?.end();
            // Longer than two parent checks: a provider that took stdin's end for the CLI's would be gone by now.
            await sleep(2 * DEFAULT_PARENT_POLL_MS + 500);
            assert.equal(provider.child.exitCode, null, `it exited: ${provider.stderr()}`);
        } finally {
            provider.child.kill("SIGTERM");
            await provider.exited;
        }
    });
});
