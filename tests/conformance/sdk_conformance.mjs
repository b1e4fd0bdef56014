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
import { createSign, randomBytes } from 'node:crypto';
import http from 'node:http';
import { GoogleGenAI, ApiError, RawReferenceImage, MaskReferenceImage, createPartFromUri } from '@google/genai';
// The SDK's own auth dependency (pinned by package-lock.json), for a Vertex AI client on a given token.
import { OAuth2Client } from 'google-auth-library';

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

  await testCase('a5 httpOptions.extraBody reaches the server, which checks it as Google does', async () => {
    const ok = await ai.models.generateContent({
      model: MODEL, contents,
      config: { httpOptions: { extraBody: { generationConfig: { enableEnhancedCivicAnswers: true } } } },
    });
    assert.ok(ok.text.length > 0, 'a known field sent through extraBody is accepted');
    const { body } = await expectApiError(() => ai.models.generateContent({
      model: MODEL, contents,
      config: { httpOptions: { extraBody: { generationConfig: { noSuchKnob: 1 } } } },
    }), 400);
    assert.match(body.message, /noSuchKnob/, 'an unknown field is named in the 400');
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

  // The Python SDK (google-genai) sends camelCase where its converters set a
  // key and snake_case inside the objects it passes through whole; a small
  // fetch client sends such bodies and compares with the official SDK's answers.
  const pyPost = async (model, body) => {
    const r = await fetch(`${emu.base}/v1beta/models/${model}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': keyString(studio) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    return { status: r.status, json: await r.json() };
  };
  const weatherParams = {
    type: 'OBJECT', properties: { city_name: { type: 'STRING' }, days: { type: 'INTEGER', minimum: 1, maximum: 3 } },
    required: ['city_name'],
  };

  // The same request in camelCase (what the JS SDK sends): the answers must
  // be identical, responseId included (it hashes the request as read).
  const camelOf = (v) => Array.isArray(v) ? v.map(camelOf)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) =>
      [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), USER_DATA.has(k) ? x : camelOf(x)]))
    : v;
  const USER_DATA = new Set(['args', 'response', 'properties']);  // keys are the user's, never renamed

  await testCase('f1 Python-style snake_case: function calling gets args, as in camelCase', async () => {
    const prompt = 'Use get_weather for Paris';
    const tools = [{ function_declarations: [{ name: 'get_weather', description: 'w', parameters: weatherParams }] }];
    const body = { contents: [{ role: 'user', parts: [{ text: prompt }] }], tools,
      tool_config: { function_calling_config: { mode: 'AUTO' } } };
    const py = await pyPost(MODEL, body);
    assert.equal(py.status, 200, JSON.stringify(py.json));
    const call = py.json.candidates[0].content.parts.find((p) => p.functionCall)?.functionCall;
    assert.ok(call, `no functionCall: ${JSON.stringify(py.json)}`);
    assert.equal(typeof call.args.city_name, 'string', `args from the schema: ${JSON.stringify(call.args)}`);
    assert.deepEqual(py.json, (await pyPost(MODEL, camelOf(body))).json, 'camelCase gets the same answer');
    // The official SDK too gets a call with arguments for the same declaration.
    const sdk = await ai.models.generateContent({ model: MODEL, contents: prompt,
      config: { tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'w', parameters: weatherParams }] }] } });
    assert.equal(typeof sdk.functionCalls?.[0]?.args?.city_name, 'string');
    // The call and its result sent back Python's way: the answer reports it.
    const back = { contents: [{ role: 'user', parts: [{ text: prompt }] },
      { role: 'model', parts: [{ function_call: { name: 'get_weather', args: { city_name: 'Paris' } } }] },
      { role: 'user', parts: [{ function_response: { name: 'get_weather', response: { temp_c: 21 } } }] }], tools };
    const answer = await pyPost(MODEL, back);
    assert.match(answer.json.candidates[0].content.parts.at(-1).text, /get_weather returned \{"temp_c":21\}/);
    assert.deepEqual(answer.json, (await pyPost(MODEL, camelOf(back))).json);
  });

  await testCase('f2 Python-style thinking_config and system_instruction are honoured', async () => {
    const body = (thinking) => ({
      contents: [{ parts: [{ text: 'Why is the sky blue?' }] }],
      system_instruction: { parts: [{ text: 'Answer briefly.' }] },
      generation_config: { thinking_config: thinking },
    });
    const shown = await pyPost(MODEL, body({ include_thoughts: true, thinking_budget: 64 }));
    assert.equal(shown.status, 200, JSON.stringify(shown.json));
    assert.equal(shown.json.candidates[0].content.parts[0].thought, true, 'include_thoughts shows the thought');
    assert.ok(shown.json.usageMetadata.thoughtsTokenCount <= 64, 'thinking_budget caps the thoughts');
    assert.deepEqual(shown.json, (await pyPost(MODEL, camelOf(body({ include_thoughts: true, thinking_budget: 64 })))).json);
    const off = await pyPost(MODEL, body({ thinking_budget: 0 }));
    assert.equal(off.json.usageMetadata.thoughtsTokenCount, undefined, 'thinking_budget 0 turns thinking off');
    // system_instruction is read: the SDK's systemInstruction counts the same prompt tokens.
    const sdk = await ai.models.generateContent({
      model: MODEL, contents: 'Why is the sky blue?',
      config: { systemInstruction: 'Answer briefly.', thinkingConfig: { includeThoughts: true, thinkingBudget: 64 } },
    });
    assert.equal(sdk.usageMetadata.promptTokenCount, shown.json.usageMetadata.promptTokenCount);
    // By default 2.5 Flash thinks (counted, not shown); 2.5 Pro cannot stop.
    const plain = await ai.models.generateContent({ model: MODEL, contents });
    assert.ok(plain.usageMetadata.thoughtsTokenCount > 0, 'thoughtsTokenCount without thinkingConfig');
    assert.ok(!plain.candidates[0].content.parts.some((p) => p.thought), 'no thought parts unless asked');
    const pro = await pyPost('gemini-2.5-pro', body({ thinking_budget: 0 }));
    assert.equal(pro.status, 400);
    assert.equal(pro.json.error.message, 'Budget 0 is invalid. This model only works in thinking mode.');
  });

  await testCase('g fault, then a call on the same kept-alive connection succeeds', async () => {
    await admin(emu.base, 'POST', '/emulator/v1/faults', { spec: 'generateContent=503#1' });
    await expectApiError(() => ai.models.generateContent({ model: MODEL, contents }), 503);
    const r = await ai.models.generateContent({ model: MODEL, contents });  // undici reuses the connection
    assert.ok(r.text.length > 0, 'the next call is answered');

    // The same with one socket for certain, and the body written after the
    // headers (as httpx does): the fault must not leave the body unread.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (delayBody) => new Promise((resolve, reject) => {
      const payload = JSON.stringify({ contents: [{ parts: [{ text: 'Hello' }] }] });
      const req = http.request(`${emu.base}/v1beta/models/${MODEL}:generateContent`, {
        method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload),
                   'x-goog-api-key': keyString(studio) },
      }, (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, text, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      if (delayBody) {
        req.flushHeaders();
        setTimeout(() => req.end(payload), 50);
      } else {
        req.end(payload);
      }
    });
    await admin(emu.base, 'POST', '/emulator/v1/faults', { spec: 'generateContent=429#1' });
    const faulted = await post(true);
    assert.equal(faulted.status, 429, faulted.text);
    const next = await post(false);
    agent.destroy();
    assert.equal(next.reused, true, 'the second request went over the same socket');
    assert.equal(next.status, 200, next.text);
    assert.ok(JSON.parse(next.text).candidates, next.text);
  });

  // Issue #14's generation config and tools, as the official SDK sends them.
  await testCase('h1 config: logprobs, thinkingLevel, imageConfig, seed, mediaResolution, serviceTier', async () => {
    const r = await ai.models.generateContent({ model: MODEL, contents,
      config: { responseLogprobs: true, logprobs: 2, seed: 7, mediaResolution: 'MEDIA_RESOLUTION_LOW',
        serviceTier: 'flex' } });
    const lp = r.candidates[0].logprobsResult;
    assert.ok(lp, `logprobsResult: ${JSON.stringify(r.candidates[0])}`);
    assert.equal(lp.chosenCandidates.map((c) => c.token).join(''), r.text, 'the chosen tokens are the answer');
    assert.equal(lp.topCandidates.length, lp.chosenCandidates.length);
    assert.equal(lp.topCandidates[0].candidates.length, 2);
    assert.equal(typeof r.candidates[0].avgLogprobs, 'number');
    const low = await ai.models.generateContent({ model: 'gemini-3-pro-preview', contents,
      config: { thinkingConfig: { thinkingLevel: 'LOW', includeThoughts: true } } });
    assert.ok(low.candidates[0].content.parts[0].thought, 'a thought part');
    assert.ok(low.usageMetadata.thoughtsTokenCount <= 1024);
    const { body } = await expectApiError(() => ai.models.generateContent({ model: 'gemini-3-pro-preview', contents,
      config: { thinkingConfig: { thinkingLevel: 'HIGH', thinkingBudget: 100 } } }), 400);
    assert.equal(body.message, 'You can only set only one of thinking budget and thinking level.');
    const img = await ai.models.generateContent({ model: 'gemini-2.5-flash-image', contents: 'A red kite',
      config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } } });
    const png = Buffer.from(img.candidates[0].content.parts.find((p) => p.inlineData).inlineData.data, 'base64');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1344, 768], "Google's size for 16:9");
  });

  await testCase('h2 speechConfig: a TTS model answers with 24 kHz 16-bit PCM', async () => {
    const say = 'Say cheerfully: have a wonderful day!';
    const r = await ai.models.generateContent({ model: 'gemini-2.5-flash-preview-tts', contents: say,
      config: { responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } } } });
    const part = r.candidates[0].content.parts[0];
    assert.equal(part.inlineData.mimeType, 'audio/L16;codec=pcm;rate=24000');
    const pcm = Buffer.from(r.data, 'base64');  // the SDK's .data: the inline data of the answer
    assert.equal(pcm.length, 6 * 3600 * 2, 'six words, 0.15 s each, 16-bit');
    let peak = 0;
    for (let i = 0; i < pcm.length; i += 2) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i)));
    assert.ok(peak > 8000, 'a tone, not silence');
    assert.equal(r.usageMetadata.candidatesTokensDetails[0].modality, 'AUDIO');
    const two = await ai.models.generateContent({ model: 'gemini-2.5-flash-preview-tts',
      contents: 'Joe: Hi Jane! Jane: Hello Joe.',
      config: { responseModalities: ['AUDIO'], speechConfig: { multiSpeakerVoiceConfig: { speakerVoiceConfigs: [
        { speaker: 'Joe', voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
        { speaker: 'Jane', voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Puck' } } }] } } } });
    assert.ok(two.data.length > 0);
    await expectApiError(() => ai.models.generateContent({ model: MODEL, contents: say,
      config: { responseModalities: ['AUDIO'] } }), 400);
  });

  await testCase('h4 mcpServers: the model calls a real MCP server\'s tool (Streamable HTTP, JSON-RPC)', async () => {
    // A small MCP server in this process: one session, two tools.
    const seen = [];
    const mcp = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        if (req.method === 'DELETE') { seen.push('DELETE'); res.writeHead(200).end(); return; }
        const m = JSON.parse(body);
        seen.push(`${m.method} ${req.headers['mcp-session-id'] ?? '-'} ${req.headers.authorization ?? '-'}`);
        if (m.id === undefined) { res.writeHead(202).end(); return; }
        const result = m.method === 'initialize'
          ? { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'js', version: '1' } }
          : m.method === 'tools/list'
            ? { tools: [{ name: 'lookup_order', description: 'Find an order by its number',
                          inputSchema: { type: 'object', properties: { number: { type: 'string' } } } },
                        { name: 'get_forecast', description: 'Weather forecast for a city',
                          inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] }
            : { content: [{ type: 'text', text: `rain in ${typeof m.params.arguments.city}` }] };
        const headers = { 'Content-Type': 'application/json' };
        if (m.method === 'initialize') headers['Mcp-Session-Id'] = 'js-1';
        res.writeHead(200, headers).end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }));
      });
    });
    await new Promise((resolve) => mcp.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${mcp.address().port}/mcp`;
      const r = await ai.models.generateContent({ model: MODEL, contents: 'What is the weather forecast for Lisbon?',
        config: { tools: [{ mcpServers: [{ name: 'forecasts',
          streamableHttpTransport: { url, headers: { Authorization: 'Bearer js-token' } } }] }] } });
      assert.equal(r.text, 'From the MCP server forecasts: The tool get_forecast answered: rain in string');
      assert.deepEqual(seen, ['initialize - Bearer js-token', 'notifications/initialized js-1 Bearer js-token',
        'tools/list js-1 Bearer js-token', 'tools/call js-1 Bearer js-token', 'DELETE']);
      const { body } = await expectApiError(() => ai.models.generateContent({ model: MODEL, contents: 'Hi',
        config: { tools: [{ mcpServers: [{ name: 'far', streamableHttpTransport: { url: 'https://mcp.example.com/mcp' } }] }] } }),
      400);
      assert.match(body.message, /^Failed to use MCP server 'far': it is on mcp\.example\.com, not on loopback/);
    } finally {
      mcp.close();
    }
  });

  await testCase('h3 tools: urlContext, googleMaps, fileSearch, computerUse; Vertex-only fields refused', async () => {
    const u = await ai.models.generateContent({ model: MODEL,
      contents: 'Compare https://example.com/a with https://gone.invalid/b.', config: { tools: [{ urlContext: {} }] } });
    assert.deepEqual(u.candidates[0].urlContextMetadata.urlMetadata.map((m) => [m.retrievedUrl, m.urlRetrievalStatus]),
      [['https://example.com/a', 'URL_RETRIEVAL_STATUS_SUCCESS'], ['https://gone.invalid/b', 'URL_RETRIEVAL_STATUS_ERROR']]);
    const m = await ai.models.generateContent({ model: MODEL, contents: 'Cafes near the Louvre?',
      config: { tools: [{ googleMaps: { enableWidget: true } }],
        toolConfig: { retrievalConfig: { latLng: { latitude: 48.86, longitude: 2.34 } } } } });
    const g = m.candidates[0].groundingMetadata;
    assert.ok(g.googleMapsWidgetContextToken, `widget token: ${JSON.stringify(g)}`);
    assert.ok(g.groundingChunks.every((c) => c.maps?.placeId?.startsWith('places/')));
    // A store that does not exist (case f3 grounds in a real one).
    await expectApiError(() => ai.models.generateContent({ model: MODEL, contents: 'What do the manuals say?',
      config: { tools: [{ fileSearch: { fileSearchStoreNames: ['fileSearchStores/manuals'] } }] } }), 404);
    // Computer Use is the computer-use model's tool (case k); other models refuse it.
    await expectApiError(() => ai.models.generateContent({ model: MODEL, contents: 'Open the docs',
      config: { tools: [{ computerUse: { environment: 'ENVIRONMENT_BROWSER' } }] } }), 400);
    // The SDK itself refuses what the Developer API lacks; a client that sends it anyway gets Google's 400.
    await assert.rejects(() => ai.models.generateContent({ model: MODEL, contents,
      config: { routingConfig: { autoMode: {} } } }), /routingConfig parameter is only supported/);
    const raw = await pyPost(MODEL, { contents: [{ parts: [{ text: 'Hi' }] }],
      tools: [{ retrieval: { vertexAiSearch: { datastore: 'd' } } }], labels: { team: 'a' } });
    assert.equal(raw.status, 400);
    assert.equal(raw.json.error.message,
      'Invalid JSON payload received. Unknown name "retrieval" at \'tools[0]\': Cannot find field.\n' +
      'Invalid JSON payload received. Unknown name "labels": Cannot find field.');
  });

  await testCase('h4 Vertex AI (express mode): routing, model selection, labels, retrieval, enterprise search', async () => {
    // Express mode: a Console key of a project with the Vertex AI API on.
    await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/services/aiplatform.googleapis.com:enable', {});
    const vkey = keyString(await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/keys', { kind: 'console' }));
    const vx = new GoogleGenAI({ vertexai: true, apiKey: vkey,
      httpOptions: { baseUrl: emu.base, timeout: CALL_TIMEOUT_MS } });
    const r = await vx.models.generateContent({ model: MODEL, contents,
      config: { routingConfig: { autoMode: { modelRoutingPreference: 'BALANCED' } }, audioTimestamp: true,
        modelSelectionConfig: { featureSelectionPreference: 'PRIORITIZE_COST' }, labels: { team: 'docs' },
        responseLogprobs: true } });
    assert.ok(r.text.length > 0);
    assert.ok(r.candidates[0].logprobsResult.chosenCandidates.length > 0);
    const ret = await vx.models.generateContent({ model: MODEL, contents: 'What does the handbook say?',
      config: { tools: [{ retrieval: { vertexRagStore: { ragResources: [{ ragCorpus: 'projects/p/locations/l/ragCorpora/1' }] } } }] } });
    assert.match(ret.candidates[0].groundingMetadata.groundingChunks[0].retrievedContext.uri, /rag-corpus/);
    const ews = await vx.models.generateContent({ model: MODEL, contents: 'Compliance news',
      config: { tools: [{ enterpriseWebSearch: {} }] } });
    assert.ok(ews.candidates[0].groundingMetadata.groundingChunks[0].web);
    await assert.rejects(() => vx.models.generateContent({ model: MODEL, contents,
      config: { tools: [{ fileSearch: { fileSearchStoreNames: ['fileSearchStores/x'] } }] } }),
    /fileSearch parameter is only supported/);
  });

  await testCase('h generateVideos + operations.getVideosOperation: done after clock:advance, a real MP4', async () => {
    let op = await ai.models.generateVideos({
      model: 'veo-3.0-generate-001',
      source: { prompt: 'A koi pond at dawn' },
      config: { numberOfVideos: 1, aspectRatio: '9:16', durationSeconds: 6 },
    });
    assert.match(op.name, /^models\/veo-3\.0-generate-001\/operations\/[a-z0-9]+$/, op.name);
    assert.ok(!op.done, 'a new operation is running');
    op = await ai.operations.getVideosOperation({ operation: op });
    assert.ok(!op.done, 'still running before the emulator clock moves');
    await admin(emu.base, 'POST', '/emulator/v1/clock:advance', { seconds: 7 });
    op = await ai.operations.getVideosOperation({ operation: op });
    assert.equal(op.done, true, JSON.stringify(op));
    assert.equal(op.error, undefined, JSON.stringify(op.error));
    const videos = op.response?.generatedVideos ?? [];
    assert.equal(videos.length, 1, JSON.stringify(op.response));
    const uri = videos[0].video?.uri;
    assert.match(uri ?? '', /\/v1beta\/files\/[a-z0-9]+:download\?alt=media$/, uri);
    // The download needs the key, in the header (never in the URL).
    const anonymous = await fetch(uri, { signal: AbortSignal.timeout(WAIT_MS) });
    assert.equal(anonymous.status, 403);
    const r = await fetch(uri, { headers: { 'x-goog-api-key': keyString(studio) }, signal: AbortSignal.timeout(WAIT_MS) });
    assert.equal(r.status, 200);
    const mp4 = Buffer.from(await r.arrayBuffer());
    assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp', 'an ISO BMFF file');
    assert.ok(mp4.includes(Buffer.from('avcC')) && mp4.includes(Buffer.from('mdat')), 'H.264 sample entry and data');
  });

  await testCase('h2 Vertex AI express mode: generateVideos + getVideosOperation (:fetchPredictOperation), videos inline', async () => {
    await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/services/aiplatform.googleapis.com:enable', {});
    const k = await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/keys', { kind: 'console' });
    const vertex = new GoogleGenAI({ vertexai: true, apiKey: keyString(k),
      httpOptions: { baseUrl: emu.base, timeout: CALL_TIMEOUT_MS } });
    let op = await vertex.models.generateVideos({
      model: 'veo-3.0-generate-001', source: { prompt: 'A lighthouse' }, config: { numberOfVideos: 2 },
    });
    assert.match(op.name, /^publishers\/google\/models\/veo-3\.0-generate-001\/operations\/[0-9a-f-]{36}$/, op.name);
    await admin(emu.base, 'POST', '/emulator/v1/clock:advance', { seconds: 7 });
    op = await vertex.operations.getVideosOperation({ operation: op });
    assert.equal(op.done, true, JSON.stringify(op));
    const videos = op.response?.generatedVideos ?? [];
    assert.equal(videos.length, 2, JSON.stringify(op.response));
    for (const v of videos) {
      assert.equal(v.video?.mimeType, 'video/mp4');
      const mp4 = Buffer.from(v.video?.videoBytes ?? '', 'base64');
      assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp', 'an ISO BMFF file');
    }
  });

  await testCase('h5 Vertex AI express mode: computeTokens, upscaleImage, segmentImage, editImage, recontextImage as the SDK sends them', async () => {
    await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/services/aiplatform.googleapis.com:enable', {});
    const k = await admin(emu.base, 'POST', '/emulator/v1/projects/demo-project/keys', { kind: 'console' });
    const vertex = new GoogleGenAI({ vertexai: true, apiKey: keyString(k),
      httpOptions: { baseUrl: emu.base, timeout: CALL_TIMEOUT_MS } });
    const t = await vertex.models.computeTokens({ model: MODEL, contents: 'Hello, tokenizer!' });
    assert.equal(t.tokensInfo?.length, 1, JSON.stringify(t));
    const info = t.tokensInfo[0];
    assert.equal(info.tokens.length, info.tokenIds.length);
    const c = await vertex.models.countTokens({ model: MODEL, contents: 'Hello, tokenizer!' });
    assert.equal(info.tokens.length, c.totalTokens, 'computeTokens and countTokens agree');
    const drawn = await vertex.models.generateImages({ model: 'imagen-4.0-generate-001', prompt: 'A lighthouse',
      config: { numberOfImages: 1, aspectRatio: '16:9' } });
    const image = drawn.generatedImages[0].image;
    const up = await vertex.models.upscaleImage({ model: 'imagen-4.0-upscale-preview', image, upscaleFactor: 'x2' });
    const png = Buffer.from(up.generatedImages?.[0]?.image?.imageBytes ?? '', 'base64');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG');
    assert.equal(png.readUInt32BE(16), 2816, 'width 1408 x 2');
    assert.equal(png.readUInt32BE(20), 1536, 'height 768 x 2');
    const seg = await vertex.models.segmentImage({ model: 'image-segmentation-001',
      source: { image, prompt: 'the lighthouse' }, config: { mode: 'PROMPT', maxPredictions: 2 } });
    assert.equal(seg.generatedMasks?.length, 2, JSON.stringify(seg).slice(0, 300));
    assert.equal(seg.generatedMasks[0].labels?.[0]?.label, 'the lighthouse');
    const raw = new RawReferenceImage();
    raw.referenceId = 1;
    raw.referenceImage = image;
    const mask = new MaskReferenceImage();
    mask.referenceId = 2;
    mask.config = { maskMode: 'MASK_MODE_BACKGROUND' };
    const edit = await vertex.models.editImage({ model: 'imagen-3.0-capability-001', prompt: 'A beach behind [1]',
      referenceImages: [raw, mask], config: { editMode: 'EDIT_MODE_BGSWAP', numberOfImages: 1 } });
    const edited = Buffer.from(edit.generatedImages?.[0]?.image?.imageBytes ?? '', 'base64');
    assert.equal(edited.readUInt32BE(16), 1408, 'an edit keeps the raw image\'s width');
    const scene = await vertex.models.recontextImage({ model: 'imagen-product-recontext-preview-06-30',
      source: { prompt: 'On a table', productImages: [{ productImage: image }] }, config: { numberOfImages: 1 } });
    assert.equal(scene.generatedImages?.length, 1, JSON.stringify(scene).slice(0, 300));
  });

  await testCase('i batches: create (inline), get, list, cancel; states as JOB_STATE_*', async () => {
    const line = (text, key) => ({ model: MODEL, contents: [{ role: 'user', parts: [{ text }] }], metadata: { key } });
    const job = await ai.batches.create({
      model: MODEL, src: [line('Hello', 'k1'), line('Bye', 'k2')], config: { displayName: 'sdk-batch' },
    });
    assert.match(job.name, /^batches\/[a-z0-9]+$/, job.name);
    assert.equal(job.state, 'JOB_STATE_PENDING', JSON.stringify(job));
    assert.equal(job.displayName, 'sdk-batch');
    await admin(emu.base, 'POST', '/emulator/v1/clock:advance', { seconds: 60 });
    const done = await ai.batches.get({ name: job.name });
    assert.equal(done.state, 'JOB_STATE_SUCCEEDED', JSON.stringify(done).slice(0, 300));
    const lines = done.dest?.inlinedResponses ?? [];
    assert.deepEqual(lines.map((l) => l.metadata?.key), ['k1', 'k2']);
    assert.ok(lines[0].response?.candidates?.[0]?.content?.parts?.[0]?.text, JSON.stringify(lines[0]).slice(0, 300));
    const other = await ai.batches.create({ model: MODEL, src: [line('Again', 'x')] });
    await ai.batches.cancel({ name: other.name });
    const cancelled = await ai.batches.get({ name: other.name });
    assert.equal(cancelled.state, 'JOB_STATE_CANCELLED');
    const names = [];
    for await (const b of await ai.batches.list({ config: { pageSize: 1 } })) names.push(b.name);
    assert.ok(names.includes(job.name) && names.includes(other.name), names.join(', '));
  });

  await testCase('i2 batches: createEmbeddings (asyncBatchEmbedContent), dest.inlinedEmbedContentResponses', async () => {
    const job = await ai.batches.createEmbeddings({
      model: 'gemini-embedding-001',
      src: { inlinedRequests: { contents: [{ parts: [{ text: 'sky' }] }, { parts: [{ text: 'ocean' }] }],
        config: { outputDimensionality: 8 } } },
      config: { displayName: 'sdk-embeddings' },
    });
    assert.match(job.name, /^batches\/[a-z0-9]+$/, JSON.stringify(job));
    await admin(emu.base, 'POST', '/emulator/v1/clock:advance', { seconds: 60 });
    const done = await ai.batches.get({ name: job.name });
    assert.equal(done.state, 'JOB_STATE_SUCCEEDED', JSON.stringify(done).slice(0, 300));
    const lines = done.dest?.inlinedEmbedContentResponses ?? [];
    assert.equal(lines.length, 2, JSON.stringify(done.dest).slice(0, 300));
    assert.equal(lines[0].response?.embedding?.values?.length, 8, JSON.stringify(lines[0]).slice(0, 300));
  });

  await testCase('f2 files: upload (resumable), get, list, fileData in generateContent, delete', async () => {
    const text = 'The emulator stores this file on disk.\n'.repeat(50);
    const f = await ai.files.upload({ file: new Blob([text], { type: 'text/plain' }),
      config: { displayName: 'conformance notes', mimeType: 'text/plain' } });
    assert.match(f.name, /^files\/[a-z0-9-]+$/);
    assert.equal(f.displayName, 'conformance notes');
    assert.equal(f.sizeBytes, String(text.length));
    assert.equal(f.state, 'ACTIVE');
    const got = await ai.files.get({ name: f.name });
    assert.equal(got.sha256Hash, f.sha256Hash);
    const names = [];
    for await (const x of await ai.files.list({ config: { pageSize: 1 } })) names.push(x.name);
    assert.ok(names.includes(f.name), `listed: ${names}`);
    const r = await ai.models.generateContent({ model: MODEL,
      contents: [{ role: 'user', parts: [createPartFromUri(f.uri, f.mimeType), { text: 'Summarise it' }] }] });
    assert.ok(r.text && r.text.length > 0);
    await ai.files.delete({ name: f.name });
    await expectApiError(() => ai.files.get({ name: f.name }), 403);
  });

  await testCase('f3 fileSearchStores: create, uploadToFileSearchStore, operations.get, importFile, documents, fileSearch grounding, delete', async () => {
    const store = await ai.fileSearchStores.create({ config: { displayName: 'conformance handbook' } });
    assert.match(store.name, /^fileSearchStores\/conformance-handbook-[a-z0-9]{12}$/);
    let op = await ai.fileSearchStores.uploadToFileSearchStore({ fileSearchStoreName: store.name,
      file: new Blob(['Every employee gets 25 vacation days per year.'], { type: 'text/plain' }),
      config: { displayName: 'vacation.txt', customMetadata: [{ key: 'team', stringValue: 'hr' }],
        chunkingConfig: { whiteSpaceConfig: { maxTokensPerChunk: 100, maxOverlapTokens: 10 } } } });
    assert.match(op.name, new RegExp(`^${store.name}/upload/operations/`));
    await admin(emu.base, 'POST', '/emulator/v1/clock:advance', { seconds: 5 });
    op = await ai.operations.get({ operation: op });
    assert.equal(op.done, true);
    assert.match(op.response.documentName, new RegExp(`^${store.name}/documents/vacation-txt-`));
    const f = await ai.files.upload({ file: new Blob(['Meals are reimbursed up to 60 euros a day.'], { type: 'text/plain' }),
      config: { displayName: 'expenses.txt' } });
    let imp = await ai.fileSearchStores.importFile({ fileSearchStoreName: store.name, fileName: f.name });
    await admin(emu.base, 'POST', '/emulator/v1/clock:advance', { seconds: 5 });
    imp = await ai.operations.get({ operation: imp });
    assert.equal(imp.done, true);
    const docs = [];
    for await (const d of await ai.fileSearchStores.documents.list({ parent: store.name })) docs.push(d);
    assert.deepEqual(docs.map((d) => [d.displayName, d.state]).sort(),
      [['expenses.txt', 'STATE_ACTIVE'], ['vacation.txt', 'STATE_ACTIVE']]);
    const got = await ai.fileSearchStores.get({ name: store.name });
    assert.equal(got.activeDocumentsCount, '2');
    const r = await ai.models.generateContent({ model: MODEL, contents: 'How many vacation days per year?',
      config: { tools: [{ fileSearch: { fileSearchStoreNames: [store.name] } }] } });
    const ctx = r.candidates[0].groundingMetadata.groundingChunks[0].retrievedContext;
    assert.equal(ctx.title, 'vacation.txt');
    assert.equal(ctx.fileSearchStore, store.name);
    assert.match(r.text, /25 vacation days/);
    await expectApiError(() => ai.fileSearchStores.delete({ name: store.name }), 400);
    await ai.fileSearchStores.delete({ name: store.name, config: { force: true } });
    await expectApiError(() => ai.fileSearchStores.get({ name: store.name }), 404);
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

  await testCase('live: ai.live.connect, a text turn, a bad key closed with 1007, an ephemeral token', async () => {
    const q = await startEmulator([]);
    try {
      const key = keyString(keysOf(q.state()).find((k) => k.kind === 'studio'));
      const LIVE_MODEL = 'gemini-live-2.5-flash-preview';
      // One session: resolves with the messages up to turnComplete, or the close.
      const turn = async (c, prompt) => {
        const messages = [];
        let finish;
        const finished = new Promise((resolve) => { finish = resolve; });
        // A refused setup is a close frame: connect() then never resolves
        // (it waits for setupComplete), so the close is awaited beside it.
        const connecting = c.live.connect({
          model: LIVE_MODEL,
          config: { responseModalities: ['TEXT'] },
          callbacks: {
            onmessage: (m) => { messages.push(m); if (m.serverContent?.turnComplete) finish({ messages }); },
            onclose: (e) => finish({ messages, code: e.code, reason: e.reason }),
          },
        });
        const first = await withTimeout(Promise.race([connecting, finished]), CALL_TIMEOUT_MS, 'live.connect');
        if (first.messages) return first;
        const session = first;
        session.sendClientContent({ turns: prompt });
        const r = await withTimeout(finished, CALL_TIMEOUT_MS, 'live turn');
        session.close();
        return { session, ...r };
      };
      const ok = await turn(client(q.base, key), 'Hello from the official SDK');
      assert.deepEqual(ok.session.setupComplete, {});
      const text = ok.messages.map((m) => m.text ?? '').join('');
      assert.ok(text.length > 0, 'the model answered');
      assert.ok(ok.messages.filter((m) => m.serverContent?.modelTurn).length >= 2, 'streamed in pieces');
      const last = ok.messages.at(-1);
      assert.equal(last.serverContent.turnComplete, true);
      assert.ok(last.usageMetadata.responseTokenCount > 0, JSON.stringify(last.usageMetadata));

      const bad = await turn(client(q.base, 'AIzaNotAValidKey'), 'Hello');
      assert.equal(bad.code, 1007);
      assert.equal(bad.reason, 'API key not valid. Please pass a valid API key.');

      // An ephemeral token, minted and used through the SDK (v1alpha only, as at Google).
      const alpha = new GoogleGenAI({ apiKey: key,
        httpOptions: { baseUrl: q.base, apiVersion: 'v1alpha', timeout: CALL_TIMEOUT_MS } });
      const minted = await alpha.authTokens.create({ config: { uses: 1 } });
      assert.match(minted.name, /^auth_tokens\//);
      const ephemeral = new GoogleGenAI({ apiKey: minted.name,
        httpOptions: { baseUrl: q.base, apiVersion: 'v1alpha', timeout: CALL_TIMEOUT_MS } });
      const warn = console.warn;
      console.warn = () => {};  // the SDK's "experimental" notice
      try {
        const viaToken = await turn(ephemeral, 'Hello with a token');
        assert.equal(viaToken.messages.at(-1).serverContent.turnComplete, true);
        const spent = await turn(ephemeral, 'Again');
        assert.equal(spent.code, 1008);  // one use only
      } finally {
        console.warn = warn;
      }
    } finally {
      q.stop();
    }
  });

  await testCase('j tunings on Vertex AI (OAuth): tune from Cloud Storage, poll get, list pager, tuned endpoint answers; dataset failures; Developer API 404', async () => {
    // Its own emulator: the shared one is stopped before the quota cases.
    const q = await startEmulator([]);
    try {
      const ai = client(q.base, keyString(keysOf(q.state()).find((k) => k.kind === 'studio')));
      // Vertex AI tuning takes OAuth only (no express-mode key): the demo
      // service account's token, and Cloud Storage rights for the dataset.
      const sa = 'gemini-backend@demo-project.iam.gserviceaccount.com';
      await admin(q.base, 'POST', '/emulator/v1/projects/demo-project/members',
        { role: 'roles/storage.admin', member: `serviceAccount:${sa}` });
      const token = await serviceAccountToken(q.base, sa);
      const vx = new GoogleGenAI({ vertexai: true, project: 'demo-project', location: 'us-central1',
        googleAuthOptions: { authClient: staticTokenClient(token) },
        httpOptions: { baseUrl: q.base, timeout: CALL_TIMEOUT_MS } });
      const example = (prompt, reply) => JSON.stringify({ contents: [
        { role: 'user', parts: [{ text: prompt }] }, { role: 'model', parts: [{ text: reply }] }] });
      await gcsPut(q.base, token, 'sdk-tuning', 'train.jsonl', `${example('Hi', 'Hello!')}\n${example('Bye', 'See you.')}\n`);
      await gcsPut(q.base, token, 'sdk-tuning', 'broken.jsonl', `${example('Hi', 'Hello!')}\nnot json\n`);

      // Polls get() until the job ends, moving the emulator's clock; bounded.
      const ended = new Set(['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED']);
      const poll = async (job, states = []) => {
        for (let i = 0; i < 20 && !ended.has(job.state); ++i) {
          await admin(q.base, 'POST', '/emulator/v1/clock:advance', { seconds: 10 });
          job = await vx.tunings.get({ name: job.name });
          states.push(job.state);
        }
        return job;
      };

      const job = await vx.tunings.tune({ baseModel: 'gemini-2.5-flash',
        trainingDataset: { gcsUri: 'gs://sdk-tuning/train.jsonl' },
        config: { tunedModelDisplayName: 'sdk-tuned', epochCount: 2, labels: { team: 'sdk' } } });
      assert.match(job.name, /^projects\/\d+\/locations\/us-central1\/tuningJobs\/\d+$/, job.name);
      assert.equal(job.state, 'JOB_STATE_PENDING', JSON.stringify(job));
      assert.equal(job.supervisedTuningSpec?.trainingDatasetUri, 'gs://sdk-tuning/train.jsonl');
      assert.equal(job.supervisedTuningSpec?.hyperParameters?.epochCount, 2);
      assert.equal(job.tunedModelDisplayName, 'sdk-tuned');
      const states = [];
      const done = await poll(job, states);
      assert.ok(states.includes('JOB_STATE_RUNNING'), states.join(', '));
      assert.equal(done.state, 'JOB_STATE_SUCCEEDED', JSON.stringify(done));
      assert.ok(done.startTime && done.endTime, JSON.stringify(done));
      assert.match(done.tunedModel?.model ?? '', /^projects\/\d+\/locations\/us-central1\/models\/\d+@1$/, JSON.stringify(done));
      assert.match(done.tunedModel?.endpoint ?? '', /^projects\/\d+\/locations\/us-central1\/endpoints\/\d+$/);
      // The tuned model is a Vertex AI model (models.get) and its endpoint answers.
      const model = await vx.models.get({ model: done.tunedModel.model });
      assert.equal(model.displayName, 'sdk-tuned', JSON.stringify(model));
      assert.equal(model.endpoints?.[0]?.name, done.tunedModel.endpoint, JSON.stringify(model));
      const answer = await vx.models.generateContent({ model: done.tunedModel.endpoint, contents: 'Hi' });
      assert.ok(answer.text.length > 0, JSON.stringify(answer).slice(0, 300));

      // Missing dataset: accepted, then the job fails when it starts (google.rpc code 5);
      // a line that is not an example: code 3. The SDK hands back the job's error.
      const missing = await poll(await vx.tunings.tune({ baseModel: 'gemini-2.5-flash',
        trainingDataset: { gcsUri: 'gs://sdk-tuning/nowhere.jsonl' } }));
      assert.equal(missing.state, 'JOB_STATE_FAILED', JSON.stringify(missing));
      assert.equal(missing.error?.code, 5, JSON.stringify(missing.error));
      assert.match(missing.error.message, /nowhere\.jsonl/);
      assert.equal(missing.tunedModel, undefined);
      assert.equal(missing.tunedModelDisplayName, undefined, 'no name given, none shown (proto3 JSON leaves "" out)');
      const broken = await poll(await vx.tunings.tune({ baseModel: 'gemini-2.5-flash',
        trainingDataset: { gcsUri: 'gs://sdk-tuning/broken.jsonl' } }));
      assert.equal(broken.state, 'JOB_STATE_FAILED');
      assert.equal(broken.error?.code, 3, JSON.stringify(broken.error));
      assert.match(broken.error.message, /line 2/);
      // Refused at create: not a Cloud Storage JSONL URI, or a model that cannot be tuned.
      await expectApiError(() => vx.tunings.tune({ baseModel: 'gemini-2.5-flash',
        trainingDataset: { gcsUri: 'https://example.com/train.jsonl' } }), 400);
      await expectApiError(() => vx.tunings.tune({ baseModel: 'imagen-4.0-generate-001',
        trainingDataset: { gcsUri: 'gs://sdk-tuning/train.jsonl' } }), 400);

      // The list pager walks every job, one per page; a label filter narrows it.
      const listed = [];
      for await (const j of await vx.tunings.list({ config: { pageSize: 1 } })) listed.push(j);
      assert.deepEqual(new Set(listed.map((j) => j.name)), new Set([job.name, missing.name, broken.name]));
      assert.equal(listed.find((j) => j.name === job.name).state, 'JOB_STATE_SUCCEEDED');
      const labelled = [];
      for await (const j of await vx.tunings.list({ config: { filter: 'labels.team=sdk' } })) labelled.push(j.name);
      assert.deepEqual(labelled, [job.name]);

      // The Developer API tunes nothing any more: the SDK posts tunedModels and
      // surfaces Google's 404; the tuning-job list is Vertex-only in the SDK itself.
      const { body: devBody } = await expectApiError(() => ai.tunings.tune({ baseModel: 'models/gemini-2.5-flash',
        trainingDataset: { examples: [{ textInput: 'Hi', output: 'Hello!' }] } }), 404);
      assert.match(devBody.message, /is not supported for createTunedModel/);
      await expectApiError(() => ai.tunings.get({ name: 'tunedModels/nope' }), 404);
      await assert.rejects(() => ai.tunings.list(), /only supported by the Gemini Enterprise Agent Platform/);
    } finally {
      q.stop();
    }
  });

  await testCase('k computer use: the computer-use model acts step by step, then answers; excluded actions; other models refused', async () => {
    const q = await startEmulator([]);
    try {
      const ai = client(q.base, keyString(keysOf(q.state()).find((k) => k.kind === 'studio')));
      const model = 'gemini-2.5-computer-use-preview-10-2025';
      const browser = (extra = {}) => ({ tools: [{ computerUse: { environment: 'ENVIRONMENT_BROWSER', ...extra } }] });
      // The agent loop of Google's guide: perform each action, answer with the url and a screenshot.
      const screenshot = { inlineData: { mimeType: 'image/png', data: Buffer.from('\x89PNG\r\n\x1a\n').toString('base64') } };
      // `confirm`: the user's answer when an action's safety_decision asks
      // (Google's guide: perform it only after a yes, and acknowledge it).
      const run = async (prompt, config, confirm = true) => {
        const contents = [{ role: 'user', parts: [{ text: prompt }] }];
        const actions = [];
        for (let i = 0; i < 10; ++i) {
          const r = await ai.models.generateContent({ model, contents, config });
          if (!r.functionCalls?.length) return { actions, text: r.text };
          const call = r.functionCalls[0];
          actions.push(call);
          contents.push(r.candidates[0].content);
          const response = { url: call.args.url ?? `https://shop.example.com/step${i}` };
          if (call.args.safety_decision && confirm) response.safety_acknowledgement = 'true';
          contents.push({ role: 'user', parts: [{ functionResponse: { name: call.name, response, parts: [screenshot] } }] });
        }
        throw new Error('no closing text after 10 actions');
      };
      const warn = console.warn;
      console.warn = () => {};  // the SDK's "non-text parts" notice on .text
      try {
        const shop = await run('Go to https://shop.example.com and search for "blue shoes".', browser());
        assert.deepEqual(shop.actions.map((a) => a.name), ['open_web_browser', 'navigate', 'type_text_at']);
        assert.equal(shop.actions[1].args.url, 'https://shop.example.com');
        const typed = shop.actions[2].args;
        assert.equal(typed.text, 'blue shoes');
        assert.ok(Number.isInteger(typed.x) && typed.x >= 0 && typed.x <= 999, JSON.stringify(typed));
        assert.ok(Number.isInteger(typed.y) && typed.y >= 0 && typed.y <= 999, JSON.stringify(typed));
        assert.match(shop.text, /step2/, 'the closing text reports the last page');
        const again = await run('Go to https://shop.example.com and search for "blue shoes".', browser());
        assert.deepEqual(again.actions, shop.actions, 'deterministic');
        const direct = await run('Open example.org/docs', browser({ excludedPredefinedFunctions: ['open_web_browser'] }));
        assert.deepEqual(direct.actions.map((a) => a.name), ['navigate', 'click_at']);
        // A purchase waits for the user's yes: its action carries a safety
        // decision, and a response that does not acknowledge it is refused.
        const buy = await run('Go to https://shop.example.com/cart, scroll down and buy the blue shoes.', browser());
        assert.deepEqual(buy.actions.map((a) => a.name), ['open_web_browser', 'navigate', 'scroll_document', 'click_at']);
        assert.equal(buy.actions[2].args.direction, 'down');
        assert.equal(buy.actions[3].args.safety_decision.decision, 'require_confirmation');
        assert.ok(buy.actions[3].args.safety_decision.explanation.length > 0);
        await expectApiError(() => run('Go to https://shop.example.com/cart and buy the blue shoes.', browser(), false),
                             400);
        const drag = await run('Open example.org/board and drag the card to the done column', browser());
        assert.deepEqual(drag.actions.map((a) => a.name), ['open_web_browser', 'navigate', 'drag_and_drop']);
        for (const axis of ['x', 'y', 'destination_x', 'destination_y']) {
          const v = drag.actions[2].args[axis];
          assert.ok(Number.isInteger(v) && v >= 0 && v <= 999, JSON.stringify(drag.actions[2].args));
        }
      } finally {
        console.warn = warn;
      }
      const { body: other } = await expectApiError(() => ai.models.generateContent({ model: MODEL,
        contents: 'Open the docs', config: browser() }), 400);
      assert.equal(other.status, 'INVALID_ARGUMENT');
      const { body: bare } = await expectApiError(() => ai.models.generateContent({ model, contents: 'Open the docs' }), 400);
      assert.equal(bare.message, 'This model requires the use of the Computer Use tool.');
    } finally {
      q.stop();
    }
  });
}

// An OAuth2 access token for a service account, as google-auth-library gets
// one: a fresh key file from the admin API, a JWT signed with it (RS256),
// exchanged at the key file's token_uri (the emulator; google-auth-library
// 10 always posts to oauth2.googleapis.com, so it cannot do this itself).
async function serviceAccountToken(base, email) {
  const kf = await admin(base, 'POST', `/emulator/v1/serviceAccounts/${email}/keys`, {});
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid: kf.private_key_id })}.${b64({
    iss: kf.client_email, scope: 'https://www.googleapis.com/auth/cloud-platform',
    aud: kf.token_uri, iat: now, exp: now + 3600 })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(kf.private_key, 'base64url');
  const r = await fetch(kf.token_uri, { method: 'POST', signal: AbortSignal.timeout(WAIT_MS),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: `${unsigned}.${signature}` }) });
  const t = await r.json();
  assert.ok(r.ok && t.access_token, `token exchange -> ${r.status} ${JSON.stringify(t)}`);
  return t.access_token;
}

// The SDK's Vertex AI auth (googleAuthOptions.authClient) holding that token.
function staticTokenClient(token) {
  const c = new OAuth2Client();
  c.setCredentials({ access_token: token, expiry_date: Date.now() + 3_000_000 });
  return c;
}

// Creates the bucket when needed and uploads one object (Cloud Storage JSON API, uploadType=media).
async function gcsPut(base, token, bucket, name, text) {
  const auth = { authorization: `Bearer ${token}` };
  const b = await fetch(`${base}/storage/v1/b?project=demo-project`, { method: 'POST',
    signal: AbortSignal.timeout(WAIT_MS), headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: bucket }) });
  assert.ok(b.ok || b.status === 409, `bucket insert -> ${b.status} ${await b.text()}`);
  const o = await fetch(`${base}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent(name)}`,
    { method: 'POST', signal: AbortSignal.timeout(WAIT_MS), headers: { ...auth, 'content-type': 'application/jsonl' },
      body: text });
  assert.ok(o.ok, `upload ${name} -> ${o.status} ${await o.text()}`);
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
