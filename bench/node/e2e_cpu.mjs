// End-to-end client (b) of bench/run.sh: the official @google/genai SDK
// (pinned in package.json), `--concurrency` generateContent calls in flight,
// `--n` measured after `--warmup`. Prints the same JSON line as the C++
// clients; cpu_us is process.cpuUsage() (user+sys of the whole process, every
// thread) over the measured requests.
//
//   GEMINI_API_KEY=... node e2e_cpu.mjs --base http://127.0.0.1:PORT --n 2000 --concurrency 32
import { GoogleGenAI } from '@google/genai';

import { parseFlags } from './flags.mjs';

const { flags, apiKey } = parseFlags({ base: '', model: 'gemini-2.5-flash', prompt: 'Write one sentence about the sea.',
  n: 2000, concurrency: 32, warmup: 64 },
  'node e2e_cpu.mjs --base URL [--n N] [--concurrency C]');

const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: flags.base } });

async function run(n, c) {
  let next = 0, ok = 0, errors = 0;
  async function worker() {
    while (next < n) {
      next++;
      try {
        const r = await ai.models.generateContent({ model: flags.model, contents: flags.prompt });
        if (r.text && r.text.length > 0) ok++; else throw new Error('empty text');
      } catch (e) {
        if (errors++ < 3) console.error(`error: ${e?.message ?? e}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(c, n) }, worker));
  return { ok, errors };
}

if (flags.warmup > 0) await run(flags.warmup, flags.concurrency);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { ok, errors } = await run(flags.n, flags.concurrency);
const d = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
const total = process.cpuUsage();
console.log(JSON.stringify({
  client: 'sdk-node', n: flags.n, concurrency: flags.concurrency, ok, errors,
  cpu_us: d.user + d.system, sys_us: d.system, cpu_total_us: total.user + total.system,
  wall_ms: Number(wall.toFixed(1)), max_rss_kb: process.resourceUsage().maxRSS,
}));
process.exit(errors === 0 ? 0 : 1);
