import * as pulumi from "@pulumi/pulumi";

/** A resource registration as the mocks saw it. */
export interface RegisteredResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** The `additionalSecretOutputs` option the engine would apply. */
    additionalSecretOutputs: string[];
}

/** The part of a RegisterResource request the mocks read. */
interface RegisterRequest {
    getName(): string;
    getAdditionalsecretoutputsList(): string[];
}

/**
 * Installs Pulumi mocks that record every registered resource and echo inputs as outputs, the way the
 * engine would for a program under test. Returns the list registrations are appended to.
 */
export async function installMocks(preview = false): Promise<RegisteredResource[]> {
    const registered: RegisteredResource[] = [];
    const secretOutputsByName = new Map<string, string[]>();
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                const additionalSecretOutputs = secretOutputsByName.get(args.name) ?? [];
                registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown>, additionalSecretOutputs });
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call(args) {
                return args.inputs;
            },
        },
        "project",
        "stack",
        preview,
    );
    // The mocks drop resource options; the options the engine acts on are read off the request here.
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: unknown): unknown };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        secretOutputsByName.set(req.getName(), req.getAdditionalsecretoutputsList());
        return register(req, cb);
    };
    return registered;
}

/**
 * Leaves mock mode (the runtime's settings back to "no engine"), for the `after` hook of a suite that set mocks:
 * under mocks the get functions answer through the mocks' `call`, so a later suite that lists for real must not
 * inherit them.
 */
export function leaveMocks(): void {
    const settings = require("@pulumi/pulumi/runtime/settings") as { resetOptions(...args: unknown[]): void };
    settings.resetOptions("", "", -1, "", "", false, "");
}

/** The value of an Output, awaited; rejects when the Output failed (through the SDK's own `promise()`). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}
