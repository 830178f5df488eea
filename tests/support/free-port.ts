/** A loopback port for a server that a test starts by a command (a README's), which takes its port as a flag. */
import { AddressInfo, createServer } from "node:net";

/** A loopback port free now (listened on and closed); another process could take it before the caller does. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as AddressInfo;
            server.close(() => resolve(port));
        });
    });
}
