/**
 * A static file host on 127.0.0.1 for the engine tests, over HTTP or HTTPS, as a bucket or nginx serves a
 * folder: GET and HEAD of files under its root, `application/json` for `.json` files (what the network mirror
 * protocol requires) and `application/octet-stream` for the rest, 404 otherwise. It records every request's path,
 * and can answer chosen paths with other bytes (a changed zip, another signature) to play a tampered host.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

/** A running site. */
export interface StaticSite {
    /** `http(s)://127.0.0.1:<port>/`. */
    url: string;
    port: number;
    /** Every request, `METHOD /path`, in order. */
    requests: string[];
    /** Paths (`/a/b.zip`) answered with these bytes instead of the file's. */
    replaced: Map<string, Buffer>;
    close(): Promise<void>;
}

/** Serves `root`; over HTTPS when `tls` is given. */
export function serveStaticSite(folder: string, tls?: { key: string; cert: string }): Promise<StaticSite> {
    const root = resolve(folder);
    const requests: string[] = [];
    const replaced = new Map<string, Buffer>();
    const handler = (request: IncomingMessage, response: ServerResponse) => {
        const path = decodeURIComponent(new URL(request.url ?? "/", "http://site").pathname);
        requests.push(`${request.method ?? "?"} ${path}`);
        const file = normalize(join(root, path));
        const found = file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile();
        const body = replaced.get(path);
        if ((request.method !== "GET" && request.method !== "HEAD") || (!found && body === undefined)) {
            response.writeHead(request.method === "GET" || request.method === "HEAD" ? 404 : 405, { "content-type": "text/plain" }).end("not found\n");
            return;
        }
        const type = extname(path) === ".json" ? "application/json" : "application/octet-stream";
        const length = body?.length ?? statSync(file).size;
        response.writeHead(200, { "content-type": type, "content-length": String(length) });
        if (request.method === "HEAD") response.end();
        else if (body !== undefined) response.end(body);
        else createReadStream(file).pipe(response);
    };
    const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as AddressInfo).port;
            resolve({
                url: `${tls ? "https" : "http"}://127.0.0.1:${port}/`,
                port,
                requests,
                replaced,
                close: () =>
                    new Promise<void>((done) => {
                        server.closeAllConnections();
                        server.close(() => done());
                    }),
            });
        });
    });
}
