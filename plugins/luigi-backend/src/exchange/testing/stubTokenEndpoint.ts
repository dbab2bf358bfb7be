import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A local token endpoint whose every answer a test scripts; it records what it was sent. */
export interface StubTokenEndpoint {
  url: string;
  /** Requests received: headers and the form fields of the body. */
  requests: Array<{ headers: IncomingMessage['headers']; form: URLSearchParams }>;
  /** How the next requests are answered; a handler that never ends the response hangs the caller. */
  answer(handler: (res: ServerResponse) => void): void;
  close(): Promise<void>;
}

/** Starts a stub token endpoint on a free loopback port. */
export async function startStubTokenEndpoint(): Promise<StubTokenEndpoint> {
  const requests: StubTokenEndpoint['requests'] = [];
  let handler: (res: ServerResponse) => void = res => res.writeHead(500).end();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ headers: req.headers, form: new URLSearchParams(body) });
    handler(res);
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    requests,
    answer: next => {
      handler = next;
    },
    close: () =>
      new Promise(done => {
        server.close(() => done());
        // Hung responses would keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

/** Answers with `status` and a JSON body. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return (res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
