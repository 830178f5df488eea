/**
 * `npm run bench`: builds the package, then measures the fastest complete listing against the way users list
 * today, plus start-up and footprint; prints a table and writes bench/RESULTS.md with PASS/FAIL per target.
 * Exits 0 when targets fail (it is a report); non-zero only when the benchmark itself cannot run.
 */
import { writeFileSync } from "node:fs";
import { buildPackage, missingBuildOutputs } from "./build";
import { contenders, floorReference, loadPackage } from "./contenders";
import { withEmulator } from "./emulator-process";
import { measureCpu } from "./measure-cpu";
import { measureRateLimited } from "./measure-rate-limit";
import { measureMemory, measureProviderSize } from "./measure-footprint";
import { LARGE_CALLS, measureProviderMemory } from "./measure-provider-memory";
import { measureCli, measureRequire } from "./measure-startup";
import { measurePluginStartup } from "./measure-plugin-startup";
import { measureTerraformHandshake } from "./measure-terraform-handshake";
import { measureTerraformPlan } from "./measure-terraform-plan";
import { idealScheduleMs, measureWall } from "./measure-wall";
import { parseBenchOptions, USAGE } from "./options";
import { RESULTS_FILE } from "./paths";
import { describeMachine, resultsMarkdown, resultTables, verdictTable } from "./report";
import { judge, Measurements } from "./targets";

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The rate-limited service measured: P / R = 5 s at best. */
const RATE_LIMIT = { requestsPerSecond: 20, pages: 100, runs: 2 } as const;

async function main(argv: readonly string[]): Promise<number> {
    let options: ReturnType<typeof parseBenchOptions>;
    try {
        options = parseBenchOptions(argv);
    } catch (error) {
        process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
        return 2;
    }
    if (options === "help") return (void process.stdout.write(`${USAGE}\n`), 0);
    const began = Date.now();

    let buildNote: string | undefined;
    if (options.skipBuild) {
        buildNote = "skipped (--no-build): measured the dist/ already in place";
    } else {
        log("== npm run build");
        const build = buildPackage();
        if (!build.ok) {
            const firstError = build.output.split("\n").find((line) => /error/i.test(line)) ?? "(no error line)";
            buildNote = `FAILED; measured the dist/ tsc emitted despite its errors. First error: ${firstError.trim()}`;
            log(`\n!!!!! BUILD FAILED: ${firstError.trim()}\n!!!!! measuring the dist/ that tsc emitted anyway; RESULTS.md says so.\n`);
        }
    }
    const missing = missingBuildOutputs();
    if (missing.length > 0) throw new Error(`the build is missing ${missing.join(", ")}; run npm run build`);

    const pkg = loadPackage();
    const all = contenders(pkg);
    const concurrency = pkg.LIST_DEFAULTS.concurrency;

    log(`== complete listings: ${options.items} items, page size ${options.pageSize}, ${options.latencyMs} ms latency, ${options.runs} runs`);
    const floor = floorReference(concurrency);
    const wall = await withEmulator(options.items, options.latencyMs, (emulator) =>
        measureWall([...all, floor], emulator, options.pageSize, options.runs, log),
    );
    const pages = wall.find((w) => w.key === "default")?.pages ?? 0;

    log(`== a service that allows ${RATE_LIMIT.requestsPerSecond} requests/s: ${RATE_LIMIT.pages} pages, ${RATE_LIMIT.runs} runs`);
    const rateLimited = await measureRateLimited(RATE_LIMIT.requestsPerSecond, RATE_LIMIT.pages, RATE_LIMIT.runs);
    await pkg.closeAllPools();

    log(`== client CPU per page: ${options.cpuItems} items at 0 ms latency, ${options.cpuRuns} rounds`);
    const cpu = await withEmulator(options.cpuItems, 0, (emulator) =>
        measureCpu([...all.filter((c) => c.key !== "sequential"), floor], emulator, options.pageSize, options.cpuRuns),
    );

    log(`== require() time, ${options.startupRuns} fresh processes per mode`);
    const requireTime = await measureRequire(options.startupRuns);
    log(`== CLI --version, ${options.startupRuns} fresh processes; modules loaded by --version, --help and a demo listing`);
    const cli = await measureCli(options.startupRuns);
    log(`== provider plugin start-up, ${options.startupRuns} fresh processes`);
    const pluginStartup = await measurePluginStartup(options.startupRuns);
    log(`== Terraform provider: spawn to the handshake line, ${options.terraformRuns} rounds`);
    const terraformHandshake = await measureTerraformHandshake(options.terraformRuns);
    log(`== Terraform provider: tofu plan of one page, ${options.terraformRuns} rounds`);
    const terraformPlan = await measureTerraformPlan(options.terraformRuns, log);
    log("== serialized dynamic provider");
    const provider = await measureProviderSize();
    log(`== memory growth listing ${options.memoryItems} items, ${options.memoryRuns} child processes per client`);
    const memory = await measureMemory(options.memoryItems, options.memoryRuns);
    log(`== providers' memory listing ${options.memoryItems} items, ${options.providerMemoryRuns} rounds of the client and each provider call`);
    const providerMemory = await measureProviderMemory(options.memoryItems, options.providerMemoryRuns, undefined, log);
    let largeProviderMemory: typeof providerMemory | undefined;
    if (options.largeItems > 0) {
        log(`== providers' memory and time listing ${options.largeItems} items, once each`);
        largeProviderMemory = await measureProviderMemory(options.largeItems, 1, LARGE_CALLS, log);
    }

    const measurements: Measurements = {
        options,
        concurrency,
        idealMs: idealScheduleMs(pages, concurrency, options.latencyMs),
        wall,
        cpu,
        require: requireTime,
        cli,
        provider,
        memory,
        providerMemory,
        ...(largeProviderMemory ? { largeProviderMemory } : {}),
        rateLimited,
        pluginStartup,
        terraformHandshake,
        terraformPlan,
    };
    const verdicts = judge(measurements);
    const machine = describeMachine();
    const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`;
    writeFileSync(RESULTS_FILE, resultsMarkdown(machine, measurements, verdicts, buildNote, command));

    process.stdout.write(
        `\n${resultTables(measurements)}\n\n## Targets (${machine.node}, ${machine.cpu}, ${machine.cores} cores)\n\n${verdictTable(verdicts)}\n\n`,
    );
    const failed = verdicts.filter((v) => !v.pass);
    for (const v of failed) process.stdout.write(`!!!!! FAIL: ${v.target}: ${v.measured}\n`);
    if (buildNote && !options.skipBuild) process.stdout.write(`!!!!! BUILD ${buildNote}\n`);
    process.stdout.write(
        `\n${verdicts.length - failed.length}/${verdicts.length} targets pass. Wrote ${RESULTS_FILE} in ${((Date.now() - began) / 1000).toFixed(0)} s.\n`,
    );
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    },
);
