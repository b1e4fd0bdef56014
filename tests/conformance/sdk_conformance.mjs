// Conformance: the official @google/genai SDK (pinned in package.json) against
// genai-emulator. Usage: node sdk_conformance.mjs /path/to/genai-emulator
//
// Each case prints PASS/FAIL; the process exits 0 only if all pass.
//
// How the SDK reports HTTP errors (checked against @google/genai 2.32.0,
// dist/node/index.mjs `throwErrorIfNotOK`):
//   - any 4xx/5xx response throws `ApiError` (exported from '@google/genai'),
//     so `err instanceof ApiError` holds, `err.name === 'ApiError'`;
//   - `err.status` is the HTTP status code (number);
//   - `err.message` is JSON.stringify of the parsed JSON body when the response
//     is `application/json`, i.e. '{"error":{"code":..,"message":..,"status":..,"details":[..]}}',
//     so it can be JSON.parse'd back to Google's error envelope;
//   - retries happen only when `httpOptions.retryOptions` is set; we never set
//     it, so a 429 is surfaced on the first attempt.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GoogleGenAI, ApiError } from '@google/genai';

const WAIT_MS = 10_000;         // bound for every wait (start-up, readiness)
const CALL_TIMEOUT_MS = 15_000; // bound for every SDK call
const MODEL = 'gemini-2.5-flash';
const EMBED_MODEL = 'text-embedding-004';
const GEN_LIB = '@google/genai/' + JSON.parse(
  readFileSync(new URL('./node_modules/@google/genai/package.json', import.meta.url), 'utf8')).version;

const emulatorBin = process.argv[2];
if (!emulatorBin) {
  console.error('usage: node sdk_conformance.mjs /path/to/genai-emulator');
  process.exit(2);
}

const started = Date.now();
const children = new Set();
const tmpDirs = [];

function killAll() {
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch { /* already gone */ }
  }
  children.clear();
  for (const d of tmpDirs) {
    try { rmSync(d, { recursive: true, force: true }); } catch { /* ignore */ }
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { killAll(); process.exit(130); });
}

function withTimeout(promise, ms, what) {
  let t;
  const timer = new Promise((_, reject) => {
    t = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timer]).finally(() => clearTimeout(t));
}

// Starts the emulator, returns {port, base, stateFile, proc, stop()}.
async function startEmulator(extraArgs = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'genai-conf-'));
  tmpDirs.push(dir);
  const stateFile = path.join(dir, 'state.json');
  const args = ['--port', '0', '--bootstrap-demo', '--state', stateFile, ...extraArgs];
  const proc = spawn(emulatorBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const port = await withTimeout(new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      // Accept "port 12345", "127.0.0.1:12345", "listening on http://...:12345".
      const m = out.match(/(?:127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0):(\d{2,5})/) ||
                out.match(/port[ =:]+(\d{2,5})/i);
      if (m) resolve(Number(m[1]));
    });
    proc.on('error', reject);
    proc.on('exit', (code, sig) =>
      reject(new Error(`emulator exited early (code ${code}, signal ${sig}); stdout: ${out} stderr: ${err}`)));
  }), WAIT_MS, `emulator port on stdout (got: ${JSON.stringify(out)})`);
  const base = `http://127.0.0.1:${port}`;

  // Ready: the admin API answers and the state file holds the demo keys.
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const r = await fetch(`${base}/emulator/v1/keys`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) {
        const st = JSON.parse(readFileSync(stateFile, 'utf8'));
        if (Array.isArray(st.keys) && st.keys.length >= 2) break;
      }
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`emulator at ${base} not ready within ${WAIT_MS} ms; stderr: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port, base, stateFile, proc,
    state: () => JSON.parse(readFileSync(stateFile, 'utf8')),
    stop: () => { try { proc.kill('SIGTERM'); } catch { /* gone */ } children.delete(proc); },
  };
}

function client(base, apiKey) {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base, timeout: CALL_TIMEOUT_MS } });
}

async function admin(base, method, route, body) {
  const r = await fetch(base + route, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const text = await r.text();
  assert.ok(r.ok, `admin ${method} ${route} -> ${r.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

// Keys from the state file. The exact schema is the emulator's; be tolerant.
function keysOf(st) { return st.keys ?? []; }
function keyString(k) { return k.keyString ?? k.key_string ?? k.key; }
function projectOf(st, k) {
  const pid = k.projectId ?? k.project ?? k.project_id;
  const num = k.projectNumber ?? k.project_number;
  return (st.projects ?? []).find((p) =>
    (pid !== undefined && (p.projectId === pid || p.id === pid)) ||
    (num !== undefined && String(p.projectNumber ?? p.number) === String(num))) ?? { projectId: pid };
}

// Runs fn, expects an ApiError; returns {err, body} with body = parsed Google envelope.
async function expectApiError(fn, status) {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected an ApiError with status ${status}, but the call succeeded`);
  assert.ok(err instanceof ApiError, `expected ApiError, got ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.name, 'ApiError');
  assert.equal(err.status, status, `status; message: ${err.message}`);
  let body;
  try { body = JSON.parse(err.message); } catch { body = undefined; }
  assert.ok(body?.error, `error message is not Google's JSON envelope: ${err.message}`);
  assert.equal(body.error.code, status, 'error.code equals HTTP status');
  assert.deepEqual(Object.keys(body.error).slice(0, 3), ['code', 'message', 'status'],
    "Google's field order: code, message, status[, details]");
  return { err, body: body.error };
}

function reasonOf(body) {
  return (body.details ?? []).find((d) => d['@type']?.endsWith('google.rpc.ErrorInfo'))?.reason;
}

const results = [];
async function testCase(name, fn) {
  const t0 = Date.now();
  try {
    await withTimeout(Promise.resolve().then(fn), 60_000, name);
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e?.stack ?? e).split('\n').join('\n     ')}`);
  }
}

async function main() {
  console.log(`SDK ${GEN_LIB}, node ${process.version}, emulator ${emulatorBin}`);
  const emu = await startEmulator(['--seed', '42']);
  const st = emu.state();
  const studio = keysOf(st).find((k) => k.kind === 'studio');
  const fresh = keysOf(st).find((k) => k.kind === 'console' &&
    /fresh-project/.test(JSON.stringify(projectOf(st, k)) + JSON.stringify(k)));
  assert.ok(studio && keyString(studio), `no AI Studio key in state: ${JSON.stringify(st)}`);
  const ai = client(emu.base, keyString(studio));
  const contents = 'Write one sentence about the sea.';

  await testCase('a1 generateContent: text + usageMetadata', async () => {
    const r = await ai.models.generateContent({ model: MODEL, contents });
    assert.equal(typeof r.text, 'string');
    assert.ok(r.text.length > 0, 'non-empty .text');
    assert.ok(r.usageMetadata, 'usageMetadata present');
    assert.ok(r.usageMetadata.promptTokenCount > 0, 'promptTokenCount > 0');
    assert.ok(r.usageMetadata.candidatesTokenCount > 0, 'candidatesTokenCount > 0');
    assert.ok(r.usageMetadata.totalTokenCount >= r.usageMetadata.promptTokenCount + r.usageMetadata.candidatesTokenCount,
      'totalTokenCount >= prompt + candidates');
    assert.ok(r.candidates?.[0]?.finishReason, 'finishReason present');
  });

  await testCase('a2 generateContent is deterministic; stream yields >1 chunk, same text', async () => {
    const a = await ai.models.generateContent({ model: MODEL, contents });
    const b = await ai.models.generateContent({ model: MODEL, contents });
    const deterministic = a.text === b.text;
    const chunks = [];
    for await (const c of await ai.models.generateContentStream({ model: MODEL, contents })) {
      chunks.push(c);
    }
    assert.ok(chunks.length > 1, `stream yielded ${chunks.length} chunk(s)`);
    const joined = chunks.map((c) => c.text ?? '').join('');
    assert.ok(joined.length > 0, 'non-empty streamed text');
    assert.ok(chunks.at(-1).usageMetadata, 'last chunk carries usageMetadata');
    assert.ok(chunks.at(-1).candidates?.[0]?.finishReason, 'last chunk carries finishReason');
    assert.ok(deterministic, `non-stream output differs between identical calls:\n${a.text}\n${b.text}`);
    assert.equal(joined, a.text, 'streamed text == non-stream text');
  });

  await testCase('a3 countTokens: totalTokens > 0', async () => {
    const r = await ai.models.countTokens({ model: MODEL, contents });
    assert.ok(Number.isInteger(r.totalTokens) && r.totalTokens > 0, `totalTokens=${r.totalTokens}`);
    const g = await ai.models.generateContent({ model: MODEL, contents });
    assert.equal(r.totalTokens, g.usageMetadata.promptTokenCount, 'countTokens == promptTokenCount');
  });

  await testCase('a4 embedContent: embeddings with values', async () => {
    const r = await ai.models.embedContent({ model: EMBED_MODEL, contents: 'hello world' });
    assert.ok(Array.isArray(r.embeddings) && r.embeddings.length === 1, `embeddings: ${JSON.stringify(r).slice(0, 200)}`);
    const v = r.embeddings[0].values;
    assert.ok(Array.isArray(v) && v.length > 0, 'values length > 0');
    assert.ok(v.every((x) => typeof x === 'number' && Number.isFinite(x)), 'finite numbers');
    const r2 = await ai.models.embedContent({ model: EMBED_MODEL, contents: ['a', 'b'] });
    assert.equal(r2.embeddings.length, 2, 'two inputs -> two embeddings (batchEmbedContents)');
  });

  await testCase('b invalid key -> ApiError 400 "API key not valid"', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    const bogus = 'AIza' + Array.from(randomBytes(35), (x) => alphabet[x % 64]).join('');
    assert.equal(bogus.length, 39);
    const { body } = await expectApiError(
      () => client(emu.base, bogus).models.generateContent({ model: MODEL, contents }), 400);
    assert.match(body.message, /API key not valid/);
    assert.equal(body.status, 'INVALID_ARGUMENT');
    assert.equal(reasonOf(body), 'API_KEY_INVALID');
  });

  await testCase('c API disabled (fresh-project) -> ApiError 403 SERVICE_DISABLED', async () => {
    assert.ok(fresh && keyString(fresh), `no fresh-project console key in state: ${JSON.stringify(keysOf(st).map((k) => ({ ...k, keyString: undefined })))}`);
    const { err, body } = await expectApiError(
      () => client(emu.base, keyString(fresh)).models.generateContent({ model: MODEL, contents }), 403);
    assert.match(err.message, /SERVICE_DISABLED|has not been used/);
    assert.equal(body.status, 'PERMISSION_DENIED');
    assert.match(body.message, /Generative Language API has not been used in project \d+ before or it is disabled/);
    assert.equal(reasonOf(body), 'SERVICE_DISABLED');
  });

  await testCase('d1 key whose API targets exclude generativelanguage -> 403 API_KEY_SERVICE_BLOCKED', async () => {
    const k = await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/keys',
      { kind: 'console', apiTargets: ['translate.googleapis.com'] });
    assert.ok(keyString(k), `admin create key response lacks keyString: ${JSON.stringify(k)}`);
    const { err, body } = await expectApiError(
      () => client(emu.base, keyString(k)).models.generateContent({ model: MODEL, contents }), 403);
    assert.match(err.message, /API_KEY_SERVICE_BLOCKED/);
    assert.equal(body.status, 'PERMISSION_DENIED');
    assert.equal(reasonOf(body), 'API_KEY_SERVICE_BLOCKED');
  });

  await testCase('d2 key restricted to another IP -> 403 API_KEY_IP_ADDRESS_BLOCKED', async () => {
    const k = await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/keys',
      { kind: 'console', allowedIps: ['203.0.113.7'] });
    const { err, body } = await expectApiError(
      () => client(emu.base, keyString(k)).models.generateContent({ model: MODEL, contents }), 403);
    assert.match(err.message, /API_KEY_IP_ADDRESS_BLOCKED/);
    assert.equal(body.status, 'PERMISSION_DENIED');
    assert.equal(reasonOf(body), 'API_KEY_IP_ADDRESS_BLOCKED');
    // Control: same restriction but allowing loopback works.
    const ok = await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/keys',
      { kind: 'console', allowedIps: ['127.0.0.1'] });
    const r = await client(emu.base, keyString(ok)).models.generateContent({ model: MODEL, contents });
    assert.ok(r.text.length > 0, 'loopback-allowed key works');
  });

  emu.stop();

  await testCase('e --rpm 2: third call -> ApiError 429 RESOURCE_EXHAUSTED', async () => {
    const q = await startEmulator(['--rpm', '2']);
    try {
      const key = keyString(keysOf(q.state()).find((k) => k.kind === 'studio'));
      const c = client(q.base, key);
      await c.models.generateContent({ model: MODEL, contents });
      await c.models.generateContent({ model: MODEL, contents });
      const { err, body } = await expectApiError(
        () => c.models.generateContent({ model: MODEL, contents }), 429);
      assert.match(err.message, /RESOURCE_EXHAUSTED/);
      assert.equal(body.status, 'RESOURCE_EXHAUSTED');
      const types = (body.details ?? []).map((d) => d['@type']);
      assert.ok(types.some((t) => t.endsWith('google.rpc.QuotaFailure')), `QuotaFailure in details: ${types}`);
      const retry = body.details.find((d) => d['@type'].endsWith('google.rpc.RetryInfo'));
      assert.ok(retry && /^\d+(\.\d+)?s$/.test(retry.retryDelay), `RetryInfo.retryDelay: ${JSON.stringify(retry)}`);
    } finally {
      q.stop();
    }
  });
}

let fatal;
try {
  await main();
} catch (e) {
  fatal = e;
  console.log(`FAIL setup\n     ${String(e?.stack ?? e).split('\n').join('\n     ')}`);
} finally {
  killAll();
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (fatal ? 1 : 0);
console.log(`SUMMARY: ${passed} passed, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s` +
  (failed ? ` (failed: ${[...results.filter((r) => !r.ok).map((r) => r.name), ...(fatal ? ['setup'] : [])].join('; ')})` : ''));
process.exit(failed === 0 && passed > 0 ? 0 : 1);
