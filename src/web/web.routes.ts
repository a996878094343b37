import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDependencies } from '../server/app.ts';

/** Where `npm run build:web` writes the app (web/vite.config.ts: root web/, outDir dist). */
export const webDistDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The single-page app's own paths; everything else stays the API's (JSON 404s included). */
const appPaths = ['/', '/work', '/work/*', '/request', '/request/*', '/admin', '/admin/*'] as const;
const kioskPaths = ['/kiosk', '/kiosk/*'] as const;

const missingBuildPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tiaki: web app not built</title></head>
<body><main><h1>The web app has not been built</h1>
<p>Run <code>npm run build:web</code> (or start with <code>npm start</code>, which builds it), then reload this page.</p>
<p>The API is running: see <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

const kioskRefusedPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kiosk not available</title></head>
<body><main><h1>This screen is not set up as a kiosk</h1>
<p lang="mi">Kāore tēnei mata i whakaritea hei kiosk.</p>
<p>Please ask a staff member.</p></main></body></html>`;

/**
 * Which addresses may open the kiosk: exact addresses or CIDR ranges (IPv4 or IPv6); an empty list allows any.
 * @example kioskAddressCheck(['10.1.0.0/16'])('10.1.2.3') // true
 */
export function kioskAddressCheck(allowed: readonly string[]): (address: string) => boolean {
  if (allowed.length === 0) return () => true;
  const list = new BlockList();
  for (const entry of allowed) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) continue;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const plain = mapped?.[1] ?? address;
    const family = isIP(plain);
    if (family === 0) return false;
    return list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * Serves the built web app (web/dist): hashed assets under /assets/ with long caching, and index.html for the
 * app's own paths (the SPA fallback). The kiosk paths may be limited to configured device addresses and are
 * never cached. Without a build, those paths answer a short page saying to run `npm run build:web`.
 */
export async function webRoutes(app: FastifyInstance, deps: AppDependencies): Promise<void> {
  await serveWebApp(app, { distDir: webDistDir, kioskAddresses: deps.config.KIOSK_ALLOWED_ADDRESSES });
}

/**
 * The same, from any folder (tests serve a folder of their own).
 * @example await serveWebApp(app, { distDir: '/srv/tiaki/web/dist', kioskAddresses: ['10.1.0.0/16'] })
 */
export async function serveWebApp(
  app: FastifyInstance,
  options: { distDir: string; kioskAddresses: readonly string[] },
): Promise<void> {
  const distDir = options.distDir;
  const indexFile = path.join(distDir, 'index.html');
  const kioskAllowed = kioskAddressCheck(options.kioskAddresses);

  const assetsDir = path.join(distDir, 'assets');
  if (existsSync(assetsDir)) {
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      wildcard: true,
      // File names carry a content hash: a new build gets new names, so these never go stale.
      maxAge: 31_536_000_000,
      immutable: true,
    });
  }

  let cached: { mtimeMs: number; html: string } | null = null;
  const readIndex = async (): Promise<string | null> => {
    try {
      const info = await stat(indexFile);
      if (!cached || cached.mtimeMs !== info.mtimeMs) {
        cached = { mtimeMs: info.mtimeMs, html: await readFile(indexFile, 'utf8') };
      }
      return cached.html;
    } catch {
      return null;
    }
  };

  const sendIndex = async (reply: FastifyReply, cacheControl: string) => {
    const html = await readIndex();
    if (html === null) {
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(missingBuildPage);
    }
    return reply.header('cache-control', cacheControl).type('text/html; charset=utf-8').send(html);
  };

  for (const url of appPaths) {
    app.get(url, { schema: { hide: true } }, async (_request: FastifyRequest, reply: FastifyReply) =>
      sendIndex(reply, 'no-cache'),
    );
  }
  for (const url of kioskPaths) {
    app.get(url, { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      if (!kioskAllowed(request.ip)) {
        return reply
          .status(403)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(kioskRefusedPage);
      }
      // A shared screen: the page is never stored, so nothing of it lingers in the browser's cache.
      return sendIndex(reply, 'no-store');
    });
  }
}
