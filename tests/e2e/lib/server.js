// A local web server for the specs that fetch pages (never the internet).
import http from "node:http";

/** Serve `handler(request, response)` on 127.0.0.1; resolves to `{ base, close }`. */
export function startServer(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  );
}
