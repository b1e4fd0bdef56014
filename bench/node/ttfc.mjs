// Time to first chunk with the official SDK: `--n` sequential
// generateContentStream calls (after `--warmup`), each timed from the call to
// its first chunk and to the end of the stream. Prints the same JSON line as
// bench/ttfc.cc.
//
//   GEMINI_API_KEY=... node ttfc.mjs --base http://127.0.0.1:PORT --n 200
import { GoogleGenAI } from '@google/genai';

import { parseFlags } from './flags.mjs';

const { flags, apiKey } = parseFlags(
  { base: '', model: 'gemini-2.5-flash', prompt: 'Write one sentence about the sea.', n: 200, warmup: 10 },
  'node ttfc.mjs --base URL [--n N] [--warmup W]');
const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: flags.base } });

const first = [], total = [];
let errors = 0;
for (let i = 0; i < flags.warmup + flags.n; i++) {
  const t0 = performance.now();
  let t1 = 0, chunks = 0;
  try {
    const stream = await ai.models.generateContentStream({ model: flags.model, contents: flags.prompt });
    for await (const chunk of stream) {
      if (chunks++ === 0) t1 = performance.now() - t0;
    }
    if (chunks === 0) throw new Error('no chunk');
  } catch (e) {
    if (errors++ < 3) console.error(`error: ${e?.message ?? e}`);
  }
  if (i >= flags.warmup) { first.push(t1); total.push(performance.now() - t0); }
}
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.round(p * (s.length - 1))]; };
console.log(JSON.stringify({ client: 'sdk-node', n: flags.n, errors,
  first_ms_median: pct(first, 0.5), first_ms_p90: pct(first, 0.9), total_ms_median: pct(total, 0.5) }));
process.exit(errors === 0 ? 0 : 1);
