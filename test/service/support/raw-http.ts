import { Agent, type IncomingHttpHeaders, request } from 'node:http';

/**
 * HTTP/1.1 with the request line and headers exactly as given: `fetch` resolves dot segments,
 * refuses some methods and headers, and always connects from the same address. Here each request
 * names the loopback address it is sent from (`localAddress`), so that a test can be several
 * clients at once (the service throttles sign-ins and rate-limits by client address).
 */

export interface RawRequest {
  method: string;
  /** The request target as sent: a path and query, already percent-encoded where needed. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The loopback address to send from, e.g. `127.0.0.3`; the system's choice when absent. */
  localAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A transport error: the connection failed, was reset, or no answer came in time. */
export class NoAnswer extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NoAnswer';
  }
}

const TIMEOUT_MS = 30_000;

export function rawHttp(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  const agents = new Map<string, Agent>();
  const agentFor = (localAddress = '') => {
    let agent = agents.get(localAddress);
    if (!agent) {
      agent = new Agent({ keepAlive: true, maxSockets: 8 });
      agents.set(localAddress, agent);
    }
    return agent;
  };

  const once = (raw: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...raw.headers };
      if (raw.body) headers['Content-Length'] = String(raw.body.length);
      const outgoing = request(
        {
          host: hostname,
          port,
          method: raw.method,
          path: raw.path,
          headers,
          agent: agentFor(raw.localAddress),
          ...(raw.localAddress ? { localAddress: raw.localAddress } : {}),
          timeout: TIMEOUT_MS,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }),
          );
          incoming.on('error', (error) => reject(Object.assign(error, { reused: outgoing.reusedSocket })));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new NoAnswer('timeout', `no answer in ${TIMEOUT_MS} ms`)));
      outgoing.on('error', (error) => reject(Object.assign(error, { reused: outgoing.reusedSocket })));
      outgoing.end(raw.body);
    });

  return {
    async send(raw: RawRequest): Promise<RawResponse> {
      try {
        return await once(raw);
      } catch (first) {
        // A kept-alive connection the server closed as idle just as it was reused (Node's own advice:
        // retry once on a new one). A service that resets every connection fails the retry too.
        const error = first as NodeJS.ErrnoException & { reused?: boolean };
        if (error.reused && error.code === 'ECONNRESET') {
          try {
            return await once(raw);
          } catch (second) {
            throw asNoAnswer(second);
          }
        }
        throw asNoAnswer(first);
      }
    },
    close(): void {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
export type RawHttp = ReturnType<typeof rawHttp>;

function asNoAnswer(error: unknown): NoAnswer {
  if (error instanceof NoAnswer) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  return new NoAnswer(code, error instanceof Error ? error.message : String(error));
}

/** A header's value as one string (Set-Cookie excepted, which `setCookies` gives line by line). */
export function headerOf(response: RawResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function setCookiesOf(response: RawResponse): string[] {
  return response.headers['set-cookie'] ?? [];
}
