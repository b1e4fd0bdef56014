#!/usr/bin/env python3
"""Runs the benchmarks of bench/run.sh against one running genai-emulator and
prints one markdown table. Called by run.sh (which builds and starts the
emulator); usable alone:

  GEMINI_API_KEY=... python3 bench/driver.py --build build/bench --base http://127.0.0.1:PORT
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_DIR = os.path.join(HERE, 'node')


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def micro(build, min_time):
    exe = os.path.join(build, 'bench', 'genai_micro_bench')
    out = subprocess.run([exe, '--benchmark_format=json', f'--benchmark_min_time={min_time}'],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    rows = {}
    for b in json.loads(out)['benchmarks']:
        if b.get('error_occurred'):
            raise SystemExit(f"micro benchmark {b['name']} failed: {b.get('error_message')}")
        rows[b['name']] = b
    return rows


def e2e_once(kind, build, base, n, c, env):
    if kind == 'genai-cpp':
        cmd = [os.path.join(build, 'bench', 'genai_e2e_cpu')]
    elif kind == 'genai-cpp-callback':
        cmd = [os.path.join(build, 'bench', 'genai_e2e_cpu'), '--api', 'callback']
    elif kind == 'raw-curl':
        cmd = [os.path.join(build, 'bench', 'genai_raw_curl_bench')]
    elif kind == 'raw-curl-same-wire':
        cmd = [os.path.join(build, 'bench', 'genai_raw_curl_bench'), '--same-wire', '1']
    else:
        cmd = ['node', os.path.join(NODE_DIR, 'e2e_cpu.mjs')]
    cmd += ['--base', base, '--n', str(n), '--concurrency', str(c)]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    if p.returncode != 0:
        raise SystemExit(f'{kind} failed ({p.returncode}): {p.stderr.strip()[:2000]}')
    r = json.loads(p.stdout.strip().splitlines()[-1])
    if r['ok'] != n:
        raise SystemExit(f'{kind}: only {r["ok"]} of {n} requests succeeded')
    return r


def timed_child(cmd, env, need_output=True):
    """Runs cmd; returns (wall seconds, max RSS KiB, user+sys CPU seconds) of that child alone."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    out, err = p.stdout.read(), p.stderr.read()
    p.stdout.close()
    p.stderr.close()
    if p.returncode != 0 or (need_output and not out.strip()):
        raise SystemExit(f'{cmd[0]} failed ({p.returncode}): {err.decode()[:2000]}')
    return wall, ru.ru_maxrss, ru.ru_utime + ru.ru_stime


def med(xs):
    return statistics.median(xs)


def paired(x_all, y_all):
    """The median of per-round ratios x/y. The VM's CPU time swings ±25% between
    runs with every client moving together, so a ratio is taken within each
    round (the clients ran back to back)."""
    return med([x / y for x, y in zip(x_all, y_all)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True)
    ap.add_argument('--base', required=True)
    ap.add_argument('--n', type=int, default=2000)
    ap.add_argument('--concurrency', type=int, default=32)
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--oneshot-runs', type=int, default=20)
    ap.add_argument('--ttfc-n', type=int, default=200, help='sequential streams per time-to-first-chunk run')
    ap.add_argument('--micro-min-time', default='1')
    ap.add_argument('--only', default='',
                    help='comma-separated e2e clients (genai-cpp,genai-cpp-callback,sdk-node,raw-curl,raw-curl-same-wire): run just those, '
                         'interleaved, and print their CPU per request (no micro benchmarks, no one-shots)')
    ap.add_argument('--live-turns', type=int, default=100, help='text turns per Live run')
    ap.add_argument('--live-utterances', type=int, default=20, help='spoken turns (2 s each) per Live run')
    ap.add_argument('--live-only', action='store_true',
                    help='run just the Live API benchmark (libgenai vs the SDK\'s live.connect), interleaved rounds')
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ('GOOGLE_API_KEY', 'GOOGLE_GENAI_USE_VERTEXAI')}
    env['GOOGLE_GEMINI_BASE_URL'] = args.base
    if not env.get('GEMINI_API_KEY'):
        raise SystemExit('GEMINI_API_KEY is not set')

    kinds = ['genai-cpp', 'genai-cpp-callback', 'sdk-node', 'raw-curl', 'raw-curl-same-wire']
    if args.only:
        return quick(args, env, [k.strip() for k in args.only.split(',') if k.strip()])
    if args.live_only:
        print('\n'.join(live_rows(args, live_rounds(args, env))))
        return

    # 1. Microbenchmarks (one thread).
    log('micro benchmarks ...')
    m = micro(args.build, args.micro_min_time)

    # 2. CPU per request, interleaved a,b,c rounds.
    runs = {k: [] for k in kinds}
    for rnd in range(args.rounds):
        for k in kinds:
            r = e2e_once(k, args.build, args.base, args.n, args.concurrency, env)
            runs[k].append(r)
            log(f'e2e round {rnd + 1} {k}: {r["cpu_us"] / args.n:.1f} CPU µs/request, '
                f'{r["wall_ms"]:.0f} ms wall, {r["max_rss_kb"]} KiB max RSS')

    # 2b. Time to first chunk of a stream: sequential streams, interleaved rounds.
    ttfc = {k: [] for k in ['genai-cpp', 'sdk-node', 'raw-curl']}
    for rnd in range(args.rounds):
        for k in ttfc:
            if k == 'sdk-node':
                cmd = ['node', os.path.join(NODE_DIR, 'ttfc.mjs')]
            else:
                cmd = [os.path.join(args.build, 'bench', 'genai_ttfc'), '--client', 'genai' if k == 'genai-cpp' else k]
            cmd += ['--base', args.base, '--n', str(args.ttfc_n), '--warmup', '10']
            p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
            if p.returncode != 0:
                raise SystemExit(f'ttfc {k} failed ({p.returncode}): {p.stderr.strip()[:2000]}')
            ttfc[k].append(json.loads(p.stdout.strip().splitlines()[-1]))
            log(f'ttfc round {rnd + 1} {k}: first chunk {ttfc[k][-1]["first_ms_median"]:.3f} ms (median)')

    # 2c. The Live API, interleaved rounds.
    live = live_rounds(args, env)

    # 3. One-shot CLI vs one-shot SDK script, interleaved.
    prompt = 'Write one sentence about the sea.'
    cli = [os.path.join(args.build, 'genai'), 'generate', prompt]
    node = ['node', os.path.join(NODE_DIR, 'oneshot.mjs'), prompt]
    # Context, not goals: what starting a process costs here (/bin/true) and
    # what starting genai costs without a request (`genai version`).
    floors = {'true': ['/bin/true'], 'version': [os.path.join(args.build, 'genai'), 'version']}
    # And the same request by the curl command (Debian's curl, the same
    # libcurl and its 30-odd shared objects): the floor for any one-shot
    # program built on libcurl here. The key goes in a header file, never argv.
    curl = shutil.which('curl')
    if curl:
        header_file = os.path.join(args.build, 'bench-oneshot-headers.txt')
        fd = os.open(header_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, 'w') as f:
            f.write(f'x-goog-api-key: {env["GEMINI_API_KEY"]}\ncontent-type: application/json\n')
        body = json.dumps({'contents': [{'role': 'user', 'parts': [{'text': prompt}]}]})
        floors['curl'] = [curl, '-sS', '--fail', '-H', '@' + header_file, '--data-binary', body,
                          f'{args.base}/v1beta/models/gemini-2.5-flash:generateContent']
    shots = {k: [] for k in ['cli', 'node', *floors]}
    try:
        timed_child(cli, env)  # warm the page cache for both
        timed_child(node, env)
        for _ in range(args.oneshot_runs):
            shots['cli'].append(timed_child(cli, env))
            shots['node'].append(timed_child(node, env))
            shots['version'].append(timed_child(floors['version'], env, need_output=True))
            shots['true'].append(timed_child(floors['true'], env, need_output=False))
            if 'curl' in floors:
                shots['curl'].append(timed_child(floors['curl'], env))
    finally:
        if curl:
            os.remove(header_file)  # it holds the key

    # --- the table ---------------------------------------------------------
    def mb_s(name):
        return m[name]['bytes_per_second'] / 1e6

    def per_req(k):
        vals = [r['cpu_us'] / args.n for r in runs[k]]
        return med(vals), vals

    a, a_all = per_req('genai-cpp')
    cb, cb_all = per_req('genai-cpp-callback')
    b, b_all = per_req('sdk-node')
    c, c_all = per_req('raw-curl')
    w, w_all = per_req('raw-curl-same-wire')
    rss = {k: med([r['max_rss_kb'] for r in runs[k]]) for k in kinds}
    cli_wall = med([s[0] for s in shots['cli']]) * 1000
    node_wall = med([s[0] for s in shots['node']]) * 1000
    cli_rss = med([s[1] for s in shots['cli']])
    node_rss = med([s[1] for s in shots['node']])
    true_wall = med([s[0] for s in shots['true']]) * 1000
    version_wall = med([s[0] for s in shots['version']]) * 1000
    curl_wall = med([s[0] for s in shots['curl']]) * 1000 if shots.get('curl') else None
    cli_cpu = med([s[2] for s in shots['cli']]) * 1000
    node_cpu = med([s[2] for s in shots['node']]) * 1000

    def rounds(vals):
        return ', '.join(f'{v:.1f}' for v in vals)

    def goal(ok):
        return 'met' if ok else '**not met**'

    def first_chunk(k):
        return med([r['first_ms_median'] for r in ttfc[k]])

    t_a, t_b, t_c = first_chunk('genai-cpp'), first_chunk('sdk-node'), first_chunk('raw-curl')
    sse = mb_s('BM_SseFraming')
    lines = [
        '| benchmark | genai-cpp | comparison | ratio | goal |',
        '|---|---|---|---|---|',
        f'| SSE framing (SseParser, 16 KiB reads, one core) | {sse:.0f} MB/s | | | ≥ 500 MB/s: {goal(sse >= 500)} |',
        f'| SSE → typed chunks (make_response_stream) | {mb_s("BM_SseToTypedChunks"):.1f} MB/s '
        f'({m["BM_SseToTypedChunks"]["chunks/s"] / 1e3:.1f} k chunks/s) | | | |',
        f'| time to first chunk, streamGenerateContent (median of {args.ttfc_n} sequential streams; median of '
        f'{args.rounds} rounds) | {t_a:.3f} ms | SDK {t_b:.3f} ms, raw libcurl (first `data:` bytes, no parsing) '
        f'{t_c:.3f} ms | {t_a / t_b:.3f}× SDK, {t_a / t_c:.2f}× raw curl | |',
        f'| decode 1 MiB generateContent body, 1 text part (parse + typed) | {mb_s("BM_DecodeLargeResponse/1"):.0f} MB/s '
        f'| JSON parse alone {mb_s("BM_JsonParseOnly/1"):.0f} MB/s | | |',
        f'| decode 1 MiB generateContent body, 1024 parts (parse + typed) | {mb_s("BM_DecodeLargeResponse/1024"):.0f} MB/s '
        f'| JSON parse alone {mb_s("BM_JsonParseOnly/1024"):.0f} MB/s | | |',
        f'| futures API: CPU µs/request vs official SDK ({args.n} req, {args.concurrency} in flight; median of {args.rounds}) '
        f'| {a:.1f} ({rounds(a_all)}) | @google/genai 2.32.0 on Node {node_version()}: {b:.1f} ({rounds(b_all)}) '
        f'| {paired(a_all, b_all):.3f}× | ≤ 0.1×: {goal(paired(a_all, b_all) <= 0.1)} |',
        f'| futures API: CPU µs/request vs raw libcurl multi loop | {a:.1f} | raw curl: {c:.1f} ({rounds(c_all)}) '
        f'| {paired(a_all, c_all):.2f}× | ≤ 1.3×: {goal(paired(a_all, c_all) <= 1.3)} |',
        f'| callback API: CPU µs/request vs official SDK | {cb:.1f} ({rounds(cb_all)}) | {b:.1f} '
        f'| {paired(cb_all, b_all):.3f}× | ≤ 0.1×: {goal(paired(cb_all, b_all) <= 0.1)} |',
        f'| callback API: CPU µs/request vs raw libcurl multi loop | {cb:.1f} | {c:.1f} '
        f'| {paired(cb_all, c_all):.2f}× | ≤ 1.3×: {goal(paired(cb_all, c_all) <= 1.3)} |',
        f'| (context) futures / callbacks vs raw libcurl sending libgenai\'s headers too (UA, Accept-Encoding, '
        f'x-goog-api-client) | {a:.1f} / {cb:.1f} | raw curl, same wire: {w:.1f} ({rounds(w_all)}) '
        f'| {paired(a_all, w_all):.2f}× / {paired(cb_all, w_all):.2f}× | |',
        f'| max RSS of the {args.n}-request client process | {rss["genai-cpp"] / 1024:.1f} MiB '
        f'| SDK {rss["sdk-node"] / 1024:.1f} MiB, raw curl {rss["raw-curl"] / 1024:.1f} MiB '
        f'| {rss["genai-cpp"] / rss["sdk-node"]:.3f}× SDK | |',
        f'| one-shot `genai generate` start→exit (median of {args.oneshot_runs}) | {cli_wall:.1f} ms '
        f'| Node + SDK one-shot script: {node_wall:.1f} ms | {cli_wall / node_wall:.3f}× | ≤ 0.05×: {goal(cli_wall / node_wall <= 0.05)} |',
        f'| (context) process start floor: `/bin/true` / `genai version` start→exit | {true_wall:.1f} ms / {version_wall:.1f} ms | | | |',
        *([f'| (context) the same one-shot request with the `curl` command (same libcurl) | {cli_wall:.1f} ms '
           f'| curl: {curl_wall:.1f} ms | {cli_wall / curl_wall:.2f}× curl | |'] if curl_wall else []),
        f'| one-shot CPU (user+sys) | {cli_cpu:.1f} ms | {node_cpu:.1f} ms | {cli_cpu / node_cpu:.3f}× | |',
        f'| one-shot peak RSS | {cli_rss / 1024:.1f} MiB | {node_rss / 1024:.1f} MiB | {cli_rss / node_rss:.3f}× | |',
    ]
    lines += live_rows(args, live)[2:]
    print('\n'.join(lines))
    with open(os.path.join(args.build, 'bench-results.json'), 'w') as f:
        json.dump({'micro': m, 'e2e': runs, 'ttfc': ttfc, 'live': live, 'oneshot': shots}, f, indent=1)


def live_rounds(args, env):
    """The Live API clients (bench/live_bench.cc, bench/node/live.mjs), interleaved rounds."""
    live = {'genai-cpp': [], 'sdk-node': []}
    flags = ['--base', args.base, '--turns', str(args.live_turns), '--utterances', str(args.live_utterances)]
    for rnd in range(args.rounds):
        for k in live:
            cmd = ([os.path.join(args.build, 'bench', 'genai_live_bench')] if k == 'genai-cpp'
                   else ['node', os.path.join(NODE_DIR, 'live.mjs')]) + flags
            p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=200)
            if p.returncode != 0:
                raise SystemExit(f'live {k} failed ({p.returncode}): {p.stderr.strip()[:2000]}')
            r = json.loads(p.stdout.strip().splitlines()[-1])
            live[k].append(r)
            log(f'live round {rnd + 1} {k}: first content {r["first_ms_median"]:.3f} ms, turn '
                f'{r["total_ms_median"]:.3f} ms, {r["cpu_us_per_audio_second"]:.0f} CPU µs per second of audio')
    return live


def live_rows(args, live):
    """Table rows (with the header) for the Live API rounds."""
    def col(k, field):
        return [r[field] for r in live[k]]

    def goal(ok):
        return 'met' if ok else '**not met**'

    first_a, first_b = col('genai-cpp', 'first_ms_median'), col('sdk-node', 'first_ms_median')
    turn_a, turn_b = col('genai-cpp', 'total_ms_median'), col('sdk-node', 'total_ms_median')
    cpu_a, cpu_b = col('genai-cpp', 'cpu_us_per_audio_second'), col('sdk-node', 'cpu_us_per_audio_second')
    r0 = live['genai-cpp'][0]
    audio = f'{r0["audio_seconds_in"]:.0f} s in + {r0["audio_seconds_out"]:.0f} s out'
    rounds = f'median of {len(first_a)} rounds'
    vals = lambda xs, fmt: ', '.join(fmt.format(x) for x in xs)
    return [
        '| benchmark | genai-cpp | comparison | ratio | goal |',
        '|---|---|---|---|---|',
        f'| Live: text turn, send → first serverContent (median of {args.live_turns} turns; {rounds}) '
        f'| {med(first_a):.3f} ms ({vals(first_a, "{:.3f}")}) | SDK live.connect: {med(first_b):.3f} ms '
        f'({vals(first_b, "{:.3f}")}) | {paired(first_a, first_b):.2f}× | ≤ 1×: {goal(paired(first_a, first_b) <= 1)} |',
        f'| Live: text turn, send → turnComplete | {med(turn_a):.3f} ms | SDK: {med(turn_b):.3f} ms '
        f'| {paired(turn_a, turn_b):.2f}× | |',
        f'| Live: CPU µs per second of streamed audio ({audio} per run, 16 kHz in, 24 kHz out; {rounds}) '
        f'| {med(cpu_a):.0f} ({vals(cpu_a, "{:.0f}")}) | SDK: {med(cpu_b):.0f} ({vals(cpu_b, "{:.0f}")}) '
        f'| {paired(cpu_a, cpu_b):.3f}× | ≤ 0.25×: {goal(paired(cpu_a, cpu_b) <= 0.25)} |',
    ]


def quick(args, env, kinds):
    """--only: the e2e CPU rounds of `kinds` alone, and each one's ratio to the last kind."""
    runs = {k: [] for k in kinds}
    sys_runs = {k: [] for k in kinds}
    for rnd in range(args.rounds):
        for k in kinds:
            r = e2e_once(k, args.build, args.base, args.n, args.concurrency, env)
            runs[k].append(r['cpu_us'] / args.n)
            sys_runs[k].append(r['sys_us'] / args.n)
            log(f'e2e round {rnd + 1} {k}: {r["cpu_us"] / args.n:.1f} CPU µs/request '
                f'({r["sys_us"] / args.n:.1f} in the kernel), {r["wall_ms"]:.0f} ms wall')
    floor = runs[kinds[-1]]
    for k in kinds:
        ratio = paired(runs[k], floor)
        print(f'{k}: median {med(runs[k]):.1f} CPU µs/request '
              f'({", ".join(f"{v:.1f}" for v in runs[k])}; kernel median {med(sys_runs[k]):.1f}), '
              f'{ratio:.2f}x {kinds[-1]} (median of per-round ratios)')


def node_version():
    return subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()


if __name__ == '__main__':
    main()
