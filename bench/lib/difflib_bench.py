#!/usr/bin/python3
"""difflib_bench.py -- times Python's difflib.SequenceMatcher on pre-cut tokens.

    /usr/bin/python3 bench/lib/difflib_bench.py TOKENS.json RESULT.json RUNS BUDGET_S

TOKENS.json is [old_tokens, new_tokens] (lists of strings, cut by the caller: the engine's word
tokens, or jsdiff's sentences), so that difflib diffs exactly what the other tools diff. Each run
is SequenceMatcher(None, a, b).get_opcodes() with difflib's defaults (autojunk on). The protocol
is bench/lib/inproc.mjs's: a warm-up run (timed when it takes over a second), then timed runs up
to RUNS within BUDGET_S seconds;
RESULT.json (rewritten after every step) holds the times and the first run's opcodes.
"""
import difflib
import json
import sys
import time


def main():
    tokens_path, out_path, runs, budget = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    with open(tokens_path, encoding='utf-8') as f:
        a, b = json.load(f)
    result = {'tool': 'difflib', 'times': [], 'cpu': [], 'first': None}

    def save():
        with open(out_path, 'w', encoding='utf-8') as f:
            json.dump(result, f)

    def run():
        return difflib.SequenceMatcher(None, a, b).get_opcodes()

    started = time.perf_counter()
    t0, c0 = time.perf_counter(), time.process_time()
    ops = run()
    result['first'] = time.perf_counter() - t0
    first_cpu = time.process_time() - c0
    result['opcodes'] = [[tag[0], i1, i2, j1, j2] for tag, i1, i2, j1, j2 in ops]
    save()
    print('first-run-done', flush=True)  # the caller's time limit for the first run ends here
    if result['first'] > 1:  # a run that long needs no warm-up: it is the first timed run
        result['times'].append(result['first'])
        result['cpu'].append(first_cpu)
    longest = result['first']
    while len(result['times']) < runs:
        if time.perf_counter() - started + longest > budget:
            break
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        dt = time.perf_counter() - t0
        result['times'].append(dt)
        result['cpu'].append(time.process_time() - c0)
        longest = max(longest, dt)
        save()
    save()


if __name__ == '__main__':
    main()
