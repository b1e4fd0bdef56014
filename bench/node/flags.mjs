// Flags and key of the Node benchmark clients: `--name value` pairs over
// `defaults` (numbers stay numbers), the key from GEMINI_API_KEY; exits 2
// with `usage` on an unknown flag, a missing --base or a missing key.
export function parseFlags(defaults, usage) {
  const flags = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i + 1 < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in flags)) { console.error(`unknown flag ${argv[i]}`); process.exit(2); }
    flags[k] = typeof flags[k] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  const apiKey = process.env.GEMINI_API_KEY;
  if (!flags.base || !apiKey) {
    console.error(`usage: ${usage}  (key in GEMINI_API_KEY)`);
    process.exit(2);
  }
  return { flags, apiKey };
}
