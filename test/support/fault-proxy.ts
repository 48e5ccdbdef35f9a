import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request, chosen by its sequence number (1-based). `reset` drops the connection
 * before the server sees the request; `lost-answer` lets the server act, then drops the connection before
 * its answer arrives (a gateway timeout seen from the client): the call took effect, and the client cannot know.
 */
export type Fault = 'pass' | '503' | '429' | 'reset' | 'delay' | 'lost-answer';

export interface ProxyRecord {
  readonly method: string;
  readonly url: string;
  readonly fault: Fault;
  readonly status?: number;
}

/**
 * An HTTP proxy on loopback in front of a test server: it forwards each request unchanged (signatures stay
 * valid, since the Host header is kept) unless the fault plan says otherwise, and records what passed.
 */
export class FaultProxy {
  readonly records: ProxyRecord[] = [];
  private server?: http.Server;

  constructor(
    private readonly target: string,
    private readonly plan: (n: number, req: http.IncomingMessage) => Fault = () => 'pass',
    private readonly delayMs = 1500,
  ) {}

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = http.createServer((req, res) => {
      const fault = this.plan(this.records.length + 1, req);
      const record = { method: req.method ?? '', url: req.url ?? '', fault };
      if (fault === 'reset') {
        this.records.push(record);
        req.socket.destroy();
        return;
      }
      if (fault === '503' || fault === '429') {
        this.records.push({ ...record, status: Number(fault) });
        req.resume();
        res.writeHead(Number(fault), fault === '429' ? { 'retry-after': '0' } : {});
        res.end(`<Error><Code>${fault === '429' ? 'SlowDown' : 'ServiceUnavailable'}</Code><Message>injected by the fault proxy</Message></Error>`);
        return;
      }
      const forward = () => {
        const upstream = http.request(
          { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            this.records.push({ ...record, status: up.statusCode });
            if (fault === 'lost-answer') {
              up.resume();
              up.on('end', () => req.socket.destroy());
              return;
            }
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      };
      if (fault === 'delay') setTimeout(forward, this.delayMs);
      else forward();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Requests that may change state (anything but GET and HEAD) that reached the server. */
  writes(): ProxyRecord[] {
    return this.records.filter((r) => r.fault === 'pass' || r.fault === 'delay' || r.fault === 'lost-answer').filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }
}
