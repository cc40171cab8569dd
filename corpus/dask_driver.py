#!/usr/bin/python3
"""Runs `storydiff batch` over a JSON Lines corpus on a Dask cluster.

    /usr/bin/python3 corpus/dask_driver.py --input 'corpus/data/*.jsonl' --out OUTDIR
    /usr/bin/python3 corpus/dask_driver.py --input jobs.jsonl --out OUTDIR --scheduler tcp://host:8786

The input (one or more files or globs) is cut into partitions of --partition-size job lines, by
byte range, without loading it. Each partition is one Dask task: on a worker it reads its byte
range, pipes it through `storydiff batch` in a subprocess, and writes the result lines to
OUTDIR/part-NNNNN.jsonl — first under a temporary name, then renamed, so a partition that is
retried (Dask reruns the tasks of a worker that died; `--retries` reruns failed ones) never leaves
a duplicate or a half-written file. At the end the driver checks that every job line of the input
has exactly one result line, with the same id, in the same place, and writes OUTDIR/manifest.json.

Without --scheduler it starts a LocalCluster (worker processes on this machine). With one, the
input, OUTDIR and the storydiff binary must be at the same paths on every worker (a shared
filesystem), and relative "path" documents resolve against the driver's working directory there.

Exit status: 0 every job has a result and none failed; 1 every job has a result, some are error
lines; 2 the run failed (bad arguments, a partition failed after its retries, results missing).

Debian's Dask (python3-distributed) runs under Debian's Python: call /usr/bin/python3.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_STORYDIFF = os.path.join(os.path.dirname(HERE), "build", "storydiff")
PART_RE = re.compile(r"^part-(\d{5,})\.jsonl$")
TMP_RE = re.compile(r"^\.part-\d{5,}\..*\.tmp$")
SUMMARY_RE = re.compile(rb"storydiff batch: (\d+) jobs, (\d+) errors")


def is_blank(line):
    """A line `storydiff batch` skips: only spaces, tabs and CRs (it is not a job)."""
    return line.rstrip(b"\n").strip(b" \t\r") == b""


def part_name(index):
    return "part-%05d.jsonl" % index


# ---------------------------------------------------------------------------------------------
# Planning: byte ranges of whole lines, partition_size jobs each.

def expand_inputs(patterns):
    paths = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern))
        if not matches and os.path.isfile(pattern):
            matches = [pattern]
        if not matches:
            raise SystemExit("dask_driver: no input matches '%s'" % pattern)
        paths.extend(os.path.abspath(m) for m in matches if os.path.isfile(m))
    # A file named twice (two overlapping globs) would be compared twice.
    seen, unique = set(), []
    for p in paths:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


def plan_partitions(paths, partition_size):
    """[{index, path, start, end, first_line, jobs}]: consecutive byte ranges of whole lines,
    partition_size jobs each; first_line is the file's line number of the range's first line."""
    parts = []
    for path in paths:
        with open(path, "rb") as f:
            start = offset = jobs = 0
            first_line = line_number = 1
            for line in f:
                offset += len(line)
                line_number += 1
                if not is_blank(line):
                    jobs += 1
                if jobs == partition_size:
                    parts.append({"index": len(parts), "path": path, "start": start, "end": offset,
                                  "first_line": first_line, "jobs": jobs})
                    start, jobs, first_line = offset, 0, line_number
            if jobs:
                parts.append({"index": len(parts), "path": path, "start": start, "end": offset,
                              "first_line": first_line, "jobs": jobs})
    return parts


# ---------------------------------------------------------------------------------------------
# One partition, on a worker.

def run_partition(part, out_dir, storydiff, cwd, threads=1, summary=False):
    """Pipes one partition through `storydiff batch`; writes OUTDIR/part-NNNNN.jsonl atomically."""
    with open(part["path"], "rb") as f:
        f.seek(part["start"])
        data = f.read(part["end"] - part["start"])
    final = os.path.join(out_dir, part_name(part["index"]))
    # Unique per attempt: two attempts of one partition (a retry racing a worker thought dead)
    # never write into the same file; whichever renames last leaves the same complete content.
    tmp = os.path.join(out_dir, ".part-%05d.%s.tmp" % (part["index"], uuid.uuid4().hex))
    # --first-line: error messages name the line of the input file, not of the partition.
    args = [storydiff, "batch", "--jobs", str(threads), "--first-line", str(part["first_line"])]
    if summary:
        args.append("--summary")
    started = time.monotonic()
    try:
        with open(tmp, "wb") as out:
            proc = subprocess.run(args, input=data, stdout=out, stderr=subprocess.PIPE, cwd=cwd)
            out.flush()
            os.fsync(out.fileno())
        if proc.returncode not in (0, 1):
            raise RuntimeError("partition %d: %s exited with %d: %s" % (
                part["index"], storydiff, proc.returncode, proc.stderr.decode("utf-8", "replace").strip()))
        lines = 0
        with open(tmp, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                lines += block.count(b"\n")
        if lines != part["jobs"]:
            raise RuntimeError("partition %d: %d result lines for %d jobs" % (part["index"], lines, part["jobs"]))
        os.replace(tmp, final)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    m = SUMMARY_RE.search(proc.stderr)
    try:
        from distributed import get_worker
        worker = get_worker().address
    except (ImportError, ValueError):
        worker = None
    return {"index": part["index"], "jobs": part["jobs"], "errors": int(m.group(2)) if m else None,
            "seconds": round(time.monotonic() - started, 4), "worker": worker}


# ---------------------------------------------------------------------------------------------
# Checking the results.

def _reject_constant(name):
    raise ValueError("not JSON: " + name)  # NaN and Infinity, which storydiff refuses too


def expected_id(line):
    """The id `storydiff batch` echoes for a job line, or None where it cannot know one."""
    try:
        job = json.loads(line, parse_constant=_reject_constant)
    except ValueError:  # includes UnicodeDecodeError: storydiff keeps the id if the rest parses
        try:
            job = json.loads(line.decode("utf-8", "replace"), parse_constant=_reject_constant)
        except ValueError:
            return None
    if isinstance(job, dict):
        ident = job.get("id")
        if isinstance(ident, (str, int, float)) and not isinstance(ident, bool):
            return ident
    return None


_decoder = json.JSONDecoder()


def result_id(line):
    """(id, is_error) of a result line: {"id": ..., "result"|"summary"|"error": ...}."""
    text = line.decode("utf-8")
    if not text.startswith('{"id":'):
        raise ValueError("not a result line")
    ident, end = _decoder.raw_decode(text, 6)
    return ident, text.startswith(',"error":', end)


def job_lines(path, start, end):
    with open(path, "rb") as f:
        f.seek(start)
        left = end - start
        while left > 0:
            line = f.readline(left)
            if not line:
                return
            left -= len(line)
            if not is_blank(line):
                yield line


def verify(parts, out_dir, max_problems=20):
    """Every job line has exactly one result line, in the same place, with the same id."""
    problems, results, errors = [], 0, 0
    expected = {part_name(p["index"]) for p in parts}
    for name in sorted(os.listdir(out_dir)):
        if PART_RE.match(name) and name not in expected:
            problems.append("%s: no such partition in this run" % name)
    for p in parts:
        path = os.path.join(out_dir, part_name(p["index"]))
        if not os.path.exists(path):
            problems.append("partition %d: %s is missing (%d jobs without a result)" % (p["index"], path, p["jobs"]))
            continue
        with open(path, "rb") as out:
            for k, job in enumerate(job_lines(p["path"], p["start"], p["end"])):
                line = out.readline()
                where = "%s line %d" % (part_name(p["index"]), k + 1)
                if not line:
                    problems.append("%s: missing; %d of %d jobs have a result" % (where, k, p["jobs"]))
                    break
                try:
                    ident, is_error = result_id(line)
                except ValueError as e:
                    problems.append("%s: unreadable result (%s)" % (where, e))
                    continue
                want = expected_id(job)
                # A null id is only right on an error line (a job without a readable id).
                if (ident is None and not is_error) or (ident is not None and ident != want):
                    problems.append("%s: result for id %r where the job has id %r" % (where, ident, want))
                results += 1
                errors += is_error
            if out.readline():
                problems.append("%s: more result lines than its %d jobs" % (part_name(p["index"]), p["jobs"]))
        if len(problems) >= max_problems:
            problems.append("(stopped after %d problems)" % max_problems)
            break
    return {"results": results, "errors": errors, "problems": problems}


# ---------------------------------------------------------------------------------------------
# The run.

def run(client, inputs, out_dir, partition_size=1000, storydiff=DEFAULT_STORYDIFF, retries=2,
        threads_per_task=1, summary=False, cwd=None, on_partition_done=None, log=None):
    """Runs every partition on `client`'s cluster and verifies the results. Returns a report.

    on_partition_done(report_so_far) is called in this thread after each partition completes."""
    from distributed import as_completed

    log = log or (lambda msg: None)
    # Workers may not be able to import this file (a real cluster, or spawned local workers):
    # ship run_partition by value.
    if __name__ != "__main__":
        import cloudpickle
        cloudpickle.register_pickle_by_value(sys.modules[__name__])
    out_dir = os.path.abspath(out_dir)
    storydiff = os.path.abspath(storydiff) if os.sep in storydiff else storydiff
    cwd = os.path.abspath(cwd or os.getcwd())
    paths = expand_inputs(inputs)
    parts = plan_partitions(paths, partition_size)
    total_jobs = sum(p["jobs"] for p in parts)
    log("%d jobs in %d partitions from %d files" % (total_jobs, len(parts), len(paths)))

    token = uuid.uuid4().hex[:8]
    started = time.monotonic()
    futures = [
        client.submit(run_partition, p, out_dir, storydiff, cwd, threads_per_task, summary,
                      key="storydiff-part-%05d-%s" % (p["index"], token), retries=retries, pure=False)
        for p in parts
    ]
    report = {"jobs": total_jobs, "partitions": len(parts), "done": [], "failed": []}
    for future in as_completed(futures):
        if future.status == "finished":
            report["done"].append(future.result())
        else:
            report["failed"].append({"key": future.key, "error": repr(future.exception())})
        if on_partition_done:
            on_partition_done(report)
    report["seconds"] = time.monotonic() - started
    report["jobs_per_second"] = total_jobs / report["seconds"] if report["seconds"] > 0 else 0.0

    # Attempts cut short by a dead worker leave their temporary files behind.
    for name in os.listdir(out_dir):
        if TMP_RE.match(name):
            try:
                os.unlink(os.path.join(out_dir, name))
            except OSError:
                pass
    checked_at = time.monotonic()
    report.update(verify(parts, out_dir))
    report["verify_seconds"] = time.monotonic() - checked_at
    report["done"].sort(key=lambda d: d["index"])
    manifest = {
        "inputs": paths, "partition_size": partition_size, "jobs": total_jobs, "results": report["results"],
        "errors": report["errors"], "seconds": round(report["seconds"], 3), "problems": report["problems"],
        "failed": report["failed"],
        "partitions": [dict(p, output=part_name(p["index"])) for p in parts],
        "runs": report["done"],
    }
    with open(os.path.join(out_dir, "manifest.json.tmp"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    os.replace(os.path.join(out_dir, "manifest.json.tmp"), os.path.join(out_dir, "manifest.json"))
    report["ok"] = not report["problems"] and not report["failed"] and report["results"] == total_jobs
    return report


def prepare_out_dir(out_dir, force):
    os.makedirs(out_dir, exist_ok=True)
    ours = [n for n in os.listdir(out_dir) if PART_RE.match(n) or TMP_RE.match(n) or n == "manifest.json"]
    if ours and not force:
        raise SystemExit("dask_driver: %s already holds results (%s, ...); pass --force to replace them"
                         % (out_dir, ours[0]))
    for name in ours:
        os.unlink(os.path.join(out_dir, name))


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="dask_driver.py",
        description="Run `storydiff batch` over a JSON Lines corpus on a Dask cluster (LocalCluster by default).")
    ap.add_argument("--input", action="append", required=True,
                    help="a JSON Lines file or glob (quote it); may be given several times")
    ap.add_argument("--out", required=True, help="folder for part-NNNNN.jsonl and manifest.json")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="LocalCluster worker processes (default: the cores)")
    ap.add_argument("--threads-per-worker", type=int, default=1, help="LocalCluster threads per worker (default 1)")
    ap.add_argument("--partition-size", type=int, default=1000, help="jobs per partition (default 1000)")
    ap.add_argument("--storydiff", default=DEFAULT_STORYDIFF if os.path.exists(DEFAULT_STORYDIFF) else "storydiff",
                    help="the storydiff binary, at this path on every worker (default: build/storydiff)")
    ap.add_argument("--jobs-per-task", type=int, default=1, help="storydiff batch --jobs in each task (default 1)")
    ap.add_argument("--summary", action="store_true", help="pass --summary to storydiff batch")
    ap.add_argument("--retries", type=int, default=2, help="reruns of a partition that fails (default 2)")
    ap.add_argument("--force", action="store_true", help="replace results already in --out")
    ap.add_argument("--json", action="store_true", help="print the report as JSON on standard output")
    args = ap.parse_args(argv)
    if args.partition_size < 1 or args.workers < 1 or args.threads_per_worker < 1 or args.jobs_per_task < 1:
        ap.error("--partition-size, --workers, --threads-per-worker and --jobs-per-task must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    log = lambda msg: print("dask_driver: " + msg, file=sys.stderr, flush=True)  # noqa: E731
    if os.sep not in args.storydiff and shutil.which(args.storydiff) is None:
        log("storydiff not found: build it (scripts/build-native.sh) or pass --storydiff")
        return 2
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        log("Dask is missing: bash scripts/setup.sh dask, and run this with /usr/bin/python3")
        return 2
    prepare_out_dir(args.out, args.force)

    t0 = time.monotonic()
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
        where = "cluster at %s (%d workers)" % (args.scheduler, len(client.scheduler_info()["workers"]))
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads_per_worker,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
        client.wait_for_workers(args.workers)
        where = "LocalCluster (%d workers x %d threads)" % (args.workers, args.threads_per_worker)
    log("connected to %s in %.1f s" % (where, time.monotonic() - t0))
    try:
        report = run(client, args.input, args.out, partition_size=args.partition_size, storydiff=args.storydiff,
                     retries=args.retries, threads_per_task=args.jobs_per_task, summary=args.summary, log=log)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    log("%d jobs, %d results, %d errors, %d partitions (%d failed): %.2f s, %.1f jobs/s; verified in %.2f s"
        % (report["jobs"], report["results"], report["errors"], report["partitions"], len(report["failed"]),
           report["seconds"], report["jobs_per_second"], report["verify_seconds"]))
    for f in report["failed"]:
        log("failed: %s: %s" % (f["key"], f["error"]))
    for p in report["problems"]:
        log("problem: " + p)
    if args.json:
        print(json.dumps({k: v for k, v in report.items() if k != "done"}))
    if not report["ok"]:
        return 2
    log("every job has exactly one result")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
