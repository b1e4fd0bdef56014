// One-shot latency counterpart of `genai generate "PROMPT"` (bench/run.sh):
// start Node, load the official SDK, one generateContent, print the text, exit.
// The key and server come from GEMINI_API_KEY and GOOGLE_GEMINI_BASE_URL, as
// for the genai CLI.
import { GoogleGenAI } from '@google/genai';

const ai = new GoogleGenAI({
  apiKey: process.env.GEMINI_API_KEY,
  httpOptions: { baseUrl: process.env.GOOGLE_GEMINI_BASE_URL },
});
const r = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: process.argv[2] ?? 'Hi' });
console.log(r.text);
