import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskAddressCheck, serveWebApp } from './web.routes.ts';

const folders: string[] = [];

function builtApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tiaki-web-'));
  folders.push(dir);
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Tiaki</title><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

async function appFor(distDir: string, kioskAddresses: string[] = []): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await serveWebApp(app, { distDir, kioskAddresses });
  app.get('/api/thing', async () => ({ ok: true }));
  await app.ready();
  return app;
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('kiosk address check', () => {
  it('allows any address when the list is empty', () => {
    expect(kioskAddressCheck([])('203.0.113.9')).toBe(true);
  });

  it('allows listed addresses and ranges only, IPv4-mapped IPv6 included', () => {
    const allowed = kioskAddressCheck(['10.1.0.0/16', '192.0.2.7', '2001:db8::/32']);
    expect(allowed('10.1.2.3')).toBe(true);
    expect(allowed('::ffff:10.1.200.9')).toBe(true);
    expect(allowed('192.0.2.7')).toBe(true);
    expect(allowed('2001:db8::1')).toBe(true);
    expect(allowed('10.2.0.1')).toBe(false);
    expect(allowed('192.0.2.8')).toBe(false);
    expect(allowed('not an address')).toBe(false);
  });
});

describe('web app routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appFor(builtApp());
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers index.html for every app path (the SPA fallback), never cached as stale', async () => {
    for (const url of [
      '/',
      '/work',
      '/work/requests/42',
      '/request',
      '/request/track',
      '/admin',
      '/admin/users/new',
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves the kiosk with no-store, so nothing of it stays in the browser cache', async () => {
    for (const url of ['/kiosk', '/kiosk/anything']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves hashed assets with long-lived immutable caching', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('leaves the API alone: unknown API paths are not answered with the app', async () => {
    expect((await app.inject({ url: '/api/thing' })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: '/api/nothing-here' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/elsewhere' })).statusCode).toBe(404);
  });
});

describe('web app routes with limits and without a build', () => {
  it('refuses the kiosk to an address outside KIOSK_ALLOWED_ADDRESSES, in English and te reo Māori', async () => {
    const app = await appFor(builtApp(), ['10.9.9.9']);
    const response = await app.inject({ url: '/kiosk', remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('not set up as a kiosk');
    expect(response.body).toContain('lang="mi"');
    expect((await app.inject({ url: '/kiosk', remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
    // Only the kiosk is limited.
    expect((await app.inject({ url: '/request', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    await app.close();
  });

  it('says to run npm run build:web when web/dist is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'tiaki-web-'));
    folders.push(empty);
    const app = await appFor(empty);
    const response = await app.inject({ url: '/work' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
    await app.close();
  });
});
