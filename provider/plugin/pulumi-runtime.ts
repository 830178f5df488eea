/**
 * The gRPC and protobuf modules the plugin serves with: the ones `@pulumi/pulumi` ships and its generated
 * provider stubs use, resolved from the installed `@pulumi/pulumi` (a peer dependency), so that the messages and
 * the server come from the same copies. Loading only these, not `@pulumi/pulumi` itself, keeps start-up short.
 */
import type * as GrpcModule from "@grpc/grpc-js";
import type * as ProviderGrpcModule from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPbModule from "@pulumi/pulumi/proto/provider_pb";
import type * as PluginPbModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as StructModule from "google-protobuf/google/protobuf/struct_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import { dirname } from "node:path";

/** Requires `id` as `@pulumi/pulumi` would resolve it. */
function fromPulumi<T>(id: string): T {
    const pulumiRoot = dirname(require.resolve("@pulumi/pulumi/package.json"));
    return require(require.resolve(id, { paths: [pulumiRoot] })) as T;
}

/** The modules, loaded once. */
export interface PulumiRuntime {
    grpc: typeof GrpcModule;
    services: typeof ProviderGrpcModule;
    messages: typeof ProviderPbModule;
    plugin: typeof PluginPbModule;
    struct: typeof StructModule;
    empty: typeof EmptyModule;
}

let loaded: PulumiRuntime | undefined;

/** The modules, loaded on first use. */
export function pulumiRuntime(): PulumiRuntime {
    loaded ??= {
        grpc: fromPulumi("@grpc/grpc-js"),
        services: require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof ProviderGrpcModule,
        messages: require("@pulumi/pulumi/proto/provider_pb") as typeof ProviderPbModule,
        plugin: require("@pulumi/pulumi/proto/plugin_pb") as typeof PluginPbModule,
        struct: fromPulumi("google-protobuf/google/protobuf/struct_pb"),
        empty: fromPulumi("google-protobuf/google/protobuf/empty_pb"),
    };
    return loaded;
}
