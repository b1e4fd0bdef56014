// The Live API benchmark with the official SDK's ai.live.connect: the same
// two phases, flags and JSON line as bench/live_bench.cc (read its header).
// Audio answers are decoded from base64 to PCM bytes, as the C++ client's
// LiveServerMessage::audio() does, so both pay for what a player needs.
//
//   GEMINI_API_KEY=... node live.mjs --base http://127.0.0.1:PORT
import { GoogleGenAI, Modality } from '@google/genai';

import { parseFlags } from './flags.mjs';

const { flags, apiKey } = parseFlags(
  { base: '', model: 'gemini-live-2.5-flash-preview', turns: 100, warmup: 5, utterances: 20, 'speech-ms': 2000 },
  'node live.mjs --base URL [--turns N] [--warmup W] [--utterances U] [--speech-ms MS]');
const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: flags.base } });
const startMs = performance.now();

function fail(what) {
  console.error(`error: ${what}`);
  process.exit(1);
}

// A session whose messages are awaited one turn at a time: nextTurn(onMessage)
// resolves at turnComplete, after calling onMessage for each message of it.
async function open(modality) {
  let waiting = null;
  const early = [];
  const deliver = (m) => {
    if (!waiting) { early.push(m); return; }
    waiting.onMessage(m);
    if (m.serverContent?.turnComplete) { const w = waiting; waiting = null; w.resolve(); }
  };
  const session = await ai.live.connect({
    model: flags.model,
    config: { responseModalities: [modality] },
    callbacks: {
      onmessage: deliver,
      onerror: (e) => fail(`live error: ${e?.message ?? e}`),
      onclose: (e) => { if (waiting) fail(`closed before turnComplete: ${e.code} ${e.reason}`); },
    },
  });
  const nextTurn = (onMessage) => new Promise((resolve) => {
    waiting = { onMessage, resolve };
    for (const m of early.splice(0)) deliver(m);
  });
  return { session, nextTurn };
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

// 1. Text turns.
const text = await open(Modality.TEXT);
const first = [], total = [];
for (let i = 0; i < flags.warmup + flags.turns; i++) {
  const t0 = performance.now();
  let t1 = -1;
  const done = text.nextTurn((m) => { if (t1 < 0 && m.text) t1 = performance.now() - t0; });
  text.session.sendClientContent({ turns: `Tell me about the sea, part ${i}.` });
  await done;
  if (t1 < 0) fail('a text turn had no text');
  if (i >= flags.warmup) { first.push(t1); total.push(performance.now() - t0); }
}
text.session.close();

// 2. Audio in and out.
const IN_RATE = 16000, CHUNK_MS = 100, OUT_RATE = 24000;
const voiced = IN_RATE * flags['speech-ms'] / 1000, samples = voiced + IN_RATE * 700 / 1000;
const pcm = Buffer.alloc(samples * 2);
for (let i = 0; i < voiced; i++) pcm.writeInt16LE(Math.trunc(8000 * Math.sin(2 * Math.PI * 220 * i / IN_RATE)), 2 * i);
const chunkBytes = IN_RATE * CHUNK_MS / 1000 * 2;
const audio = await open(Modality.AUDIO);
let bytesOut = 0;
const cpu0 = process.cpuUsage();
const audioT0 = performance.now();
for (let u = 0; u < flags.utterances; u++) {
  const done = audio.nextTurn((m) => {
    for (const p of m.serverContent?.modelTurn?.parts ?? []) {
      if (p.inlineData?.data) bytesOut += Buffer.from(p.inlineData.data, 'base64').length;
    }
  });
  for (let at = 0; at < pcm.length; at += chunkBytes) {
    const chunk = pcm.subarray(at, at + chunkBytes);
    audio.session.sendRealtimeInput({ audio: { data: chunk.toString('base64'), mimeType: `audio/pcm;rate=${IN_RATE}` } });
  }
  await done;
}
const cpu = process.cpuUsage(cpu0);
const audioWall = performance.now() - audioT0;
audio.session.close();
if (bytesOut === 0) fail('no audio came back');
const secondsIn = pcm.length * flags.utterances / (2 * IN_RATE), secondsOut = bytesOut / (2 * OUT_RATE);
const cpuUs = cpu.user + cpu.system;
console.log(JSON.stringify({
  client: 'sdk-node', turns: flags.turns, first_ms_median: median(first), total_ms_median: median(total),
  audio_seconds_in: secondsIn, audio_seconds_out: secondsOut, audio_cpu_us: cpuUs, audio_sys_us: cpu.system,
  cpu_us_per_audio_second: cpuUs / (secondsIn + secondsOut), audio_wall_ms: audioWall,
  wall_ms: performance.now() - startMs, max_rss_kb: Math.round(process.resourceUsage().maxRSS),
}));
process.exit(0);
