/**
 * The dynamic provider object that Pulumi serializes into state. It is deliberately tiny: every method
 * requires the installed package's implementation at call time, so the serialized text captures no schema,
 * client, config value or credential, stays the same while the implementation evolves, and the host
 * resolves the code from the program's node_modules.
 */
import type * as pulumi from "@pulumi/pulumi";

type Props = Record<string, unknown>;

/** The implementation, required from the installed package when a method runs (never captured). */
function impl(): typeof import("./provider-impl") {
    return require("pulumi-alicloud-message-contacts/dist/provider/dynamic/provider-impl.js");
}

/** The provider behind `MessageContactVerifications`. One instance serves every resource. */
export const messageContactVerificationsProvider: pulumi.dynamic.ResourceProvider = {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
        impl().configure((key) => req.config.get(key));
    },
    async check(_olds: Props, news: Props) {
        return impl().check(news);
    },
    async diff(_id: string, olds: Props, news: Props) {
        return impl().diff(olds, news);
    },
    async create(news: Props) {
        return impl().create(news);
    },
    async update(_id: string, _olds: Props, news: Props) {
        return impl().update(news);
    },
    async read(id: string, props: Props) {
        return impl().read(id, props);
    },
    async delete() {
        // Nothing exists remotely: the resource only records a listing.
    },
};
