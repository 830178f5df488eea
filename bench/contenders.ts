/** The listings compared: this package (defaults, and sequential) and the official-client loop. */
import type { EmulatorProcess } from "./emulator-process";
import { listWithOfficialClient, officialClient } from "./official-client-loop";
import { PROVIDER_INDEX } from "./paths";
import { listWithBareTransport } from "./transport-floor";

/** The part of the built package the benchmark calls (dist/provider, which dist/sdk re-exports). */
export interface PackageApi {
    listMessageContactVerifications(options: {
        endpoint: string;
        accessKeyId: string;
        accessKeySecret: string;
        pageSize?: number;
        concurrency?: number;
    }): Promise<{ totalCount: number; verifications: unknown[]; pages: number; pageSize: number }>;
    closeAllPools(): Promise<void>;
    LIST_DEFAULTS: { concurrency: number; pageSize: number };
}

/** The built package's provider entry point (not the sdk entry, so the benchmark process does not load @pulumi/pulumi). */
export function loadPackage(): PackageApi {
    return require(PROVIDER_INDEX) as PackageApi;
}

/** What one listing returned, for checking. */
export interface ListingOutcome {
    items: number;
    totalCount: number;
    pages: number;
}

export interface Contender {
    key: "default" | "sequential" | "official" | "floor";
    label: string;
    list(emulator: EmulatorProcess, pageSize: number): Promise<ListingOutcome>;
    /** Drops kept-alive connections so every timed listing starts like a new program. */
    reset(): Promise<void>;
}

export function contenders(pkg: PackageApi): Contender[] {
    const viaPackage = (concurrency: number | undefined) => async (emulator: EmulatorProcess, pageSize: number) => {
        const listing = await pkg.listMessageContactVerifications({
            endpoint: emulator.url,
            accessKeyId: emulator.accessKeyId,
            accessKeySecret: emulator.accessKeySecret,
            // The defaults contender passes endpoint and keys only (plus pageSize if the bench asks a non-default one).
            ...(concurrency === undefined && pageSize === pkg.LIST_DEFAULTS.pageSize ? {} : { pageSize }),
            ...(concurrency === undefined ? {} : { concurrency }),
        });
        return { items: listing.verifications.length, totalCount: listing.totalCount, pages: listing.pages };
    };
    return [
        {
            key: "default",
            label: `this package, defaults (concurrency ${pkg.LIST_DEFAULTS.concurrency})`,
            list: viaPackage(undefined),
            reset: () => pkg.closeAllPools(),
        },
        { key: "sequential", label: "this package, concurrency 1", list: viaPackage(1), reset: () => pkg.closeAllPools() },
        {
            key: "official",
            label: "official client loop (@alicloud/openapi-client)",
            async list(emulator, pageSize) {
                // A new client per listing, as a new program would have.
                const listing = await listWithOfficialClient(officialClient(emulator.url, emulator.accessKeyId, emulator.accessKeySecret), pageSize);
                return { items: listing.items.length, totalCount: listing.totalCount, pages: listing.pages };
            },
            async reset() {
                // The official client uses Node's global agent; nothing of ours to close.
            },
        },
    ];
}

/** The CPU reference (see transport-floor.ts): bare node:http + the package's signer, `concurrency` at a time. */
export function floorReference(concurrency: number): Contender {
    return {
        key: "floor",
        label: `reference floor: bare node:http + signer + JSON.parse (concurrency ${concurrency})`,
        list: (emulator, pageSize) => listWithBareTransport(emulator, pageSize, concurrency),
        async reset() {
            // Its agent is destroyed after every listing.
        },
    };
}

/** Throws unless a listing returned every seeded item. A benchmark that silently breaks is worse than none. */
export function assertComplete(contender: Contender, outcome: ListingOutcome, seeded: number): void {
    if (outcome.items !== seeded || outcome.totalCount !== seeded) {
        throw new Error(`${contender.label}: listed ${outcome.items} items (TotalCount ${outcome.totalCount}), the emulator holds ${seeded}`);
    }
}
