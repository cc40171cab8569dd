#!/usr/bin/python3
"""corpus/dask_driver.py on a 2-worker LocalCluster: a worker killed mid-run, no result lost or doubled.

    /usr/bin/python3 tests/batch/test_dask.py      (tests/batch/dask.test.mjs runs it under node --test)

STORYDIFF overrides the binary (default build/storydiff). Needs Debian's Dask: scripts/setup.sh dask.
"""

import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "corpus"))
import dask_driver  # noqa: E402

STORYDIFF = os.path.abspath(os.environ.get("STORYDIFF") or os.path.join(ROOT, "build", "storydiff"))
JOBS = 10000
BAD_EVERY = 1000  # gen_corpus: every 1000th job broken (not JSON, missing file, invalid UTF-8, bad option)


def generate(path, jobs, seed, bad_every=0):
    subprocess.run(["node", os.path.join(ROOT, "corpus", "gen_corpus.mjs"), "--jobs", str(jobs), "--seed", str(seed),
                    "--bad-every", str(bad_every), "--out", path], check=True, stderr=subprocess.DEVNULL)


def input_ids(paths):
    """The ids of every job line (None for a line that has no readable one), in order."""
    ids = []
    for p in paths:
        with open(p, "rb") as f:
            ids.extend(dask_driver.expected_id(line) for line in f if not dask_driver.is_blank(line))
    return ids


def output_lines(out_dir, input_path=None):
    """The part files' names and lines, in order; only those of `input_path` when given."""
    names = sorted(n for n in os.listdir(out_dir) if dask_driver.PART_RE.match(n))
    if input_path is not None:
        with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as f:
            mine = {p["output"] for p in json.load(f)["partitions"] if p["path"] == os.path.abspath(input_path)}
        names = [n for n in names if n in mine]
    lines = []
    for n in names:
        with open(os.path.join(out_dir, n), "rb") as f:
            lines.extend(f.read().splitlines(keepends=True))
    return names, lines


class DaskDriverTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from distributed import Client, LocalCluster

        if not os.path.exists(STORYDIFF):
            raise unittest.SkipTest("storydiff is not built: %s" % STORYDIFF)
        cls.tmp = tempfile.mkdtemp(prefix="storydiff-dask-")
        # The corpus in two files, to go through a glob: 10,000 jobs, 10 of them broken.
        whole = os.path.join(cls.tmp, "all.jsonl")
        generate(whole, JOBS, seed=1, bad_every=BAD_EVERY)
        with open(whole, "rb") as f:
            lines = f.read().splitlines(keepends=True)
        cls.inputs = [os.path.join(cls.tmp, "jobs-1.jsonl"), os.path.join(cls.tmp, "jobs-2.jsonl")]
        with open(cls.inputs[0], "wb") as f:
            f.writelines(lines[: len(lines) // 2])
        with open(cls.inputs[1], "wb") as f:
            f.writelines(lines[len(lines) // 2:])
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        cls.client = Client(cls.cluster)
        cls.client.wait_for_workers(2)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_1_command_line_against_a_scheduler_address(self):
        # The driver as a user runs it on a "real" cluster: only the scheduler's address.
        small = os.path.join(self.tmp, "small.jsonl")
        generate(small, 300, seed=5, bad_every=100)
        out = os.path.join(self.tmp, "out-cli")
        r = subprocess.run([sys.executable, os.path.join(ROOT, "corpus", "dask_driver.py"), "--input", small,
                            "--out", out, "--scheduler", self.cluster.scheduler_address, "--partition-size", "64",
                            "--storydiff", STORYDIFF, "--json"], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 1, r.stderr)  # 1: every job has a result, 3 of them errors
        report = json.loads(r.stdout)
        self.assertEqual((report["jobs"], report["results"], report["errors"], report["partitions"]), (300, 300, 3, 5))
        self.assertIn("every job has exactly one result", r.stderr)
        names, lines = output_lines(out)
        self.assertEqual(names, ["part-%05d.jsonl" % k for k in range(5)])
        batch = subprocess.run([STORYDIFF, "batch", "--jobs", "2", small], capture_output=True, timeout=60)
        self.assertEqual(b"".join(lines), batch.stdout, "the partitions add up to one storydiff batch run")
        # A second run into the same folder refuses, unless --force.
        again = subprocess.run([sys.executable, os.path.join(ROOT, "corpus", "dask_driver.py"), "--input", small,
                                "--out", out, "--scheduler", self.cluster.scheduler_address], capture_output=True,
                               text=True, timeout=60)
        self.assertNotEqual(again.returncode, 0)
        self.assertIn("--force", again.stderr)

    def test_2_worker_killed_mid_run(self):
        client = self.client
        pids_before = client.run(os.getpid)
        self.assertEqual(len(pids_before), 2)
        out = os.path.join(self.tmp, "out-kill")
        os.makedirs(out)
        partitions = -(-JOBS // 200)
        kill = {}

        def on_partition_done(report):
            # After a few partitions, SIGKILL the worker process that is running one right now.
            if kill or len(report["done"]) < 5:
                return
            for addr, keys in client.processing().items():
                if keys and addr in pids_before:
                    kill.update(addr=addr, keys=[str(k) for k in keys], done=len(report["done"]))
                    os.kill(pids_before[addr], signal.SIGKILL)
                    return

        report = dask_driver.run(client, [os.path.join(self.tmp, "jobs-*.jsonl")], out, partition_size=200,
                                 storydiff=STORYDIFF, on_partition_done=on_partition_done)

        # The kill happened while partitions were running and more were waiting.
        self.assertTrue(kill, "no worker was killed")
        print("killed %s after %d of %d partitions, while it ran %s; all done in %.2f s"
              % (kill["addr"], kill["done"], partitions, kill["keys"], report["seconds"]), file=sys.stderr)
        self.assertLess(kill["done"], partitions - 1)
        killed = {int(k.split("-")[2]) for k in kill["keys"]}
        rerun = {d["index"]: d["worker"] for d in report["done"]}
        for index in killed:
            self.assertIn(index, rerun, "partition %d, running on the killed worker, was not rerun" % index)
            self.assertNotEqual(rerun[index], kill["addr"])
        client.wait_for_workers(2)
        self.assertNotEqual(set(client.run(os.getpid).values()), set(pids_before.values()),
                            "the nanny restarted the killed worker")

        # The driver's own check, then ours: exactly one result per job, none lost, none doubled.
        self.assertTrue(report["ok"], report["problems"] + report["failed"])
        self.assertEqual((report["jobs"], report["results"], report["errors"], report["partitions"]),
                         (JOBS, JOBS, JOBS // BAD_EVERY, partitions))
        self.assertEqual(sorted(d["index"] for d in report["done"]), list(range(partitions)))
        names, lines = output_lines(out)
        self.assertEqual(len(names), partitions)
        self.assertEqual([n for n in os.listdir(out) if n.endswith(".tmp")], [], "no temporary file left")
        self.assertEqual(len(lines), JOBS)
        want = input_ids(self.inputs)
        got = [dask_driver.result_id(line)[0] for line in lines]
        counts = collections.Counter(got)
        named = [i for i in want if i is not None]
        self.assertEqual(len(set(named)), len(named), "the corpus ids are unique")
        for ident in named:
            self.assertEqual(counts[ident], 1, "id %r has %d results" % (ident, counts[ident]))
        self.assertEqual(counts[None], want.count(None))
        self.assertEqual(got, want, "results are in input order")
        # And they are the very lines one storydiff batch process gives each input file.
        for path in self.inputs:
            batch = subprocess.run([STORYDIFF, "batch", "--jobs", "2", path], capture_output=True, timeout=300)
            self.assertEqual(batch.returncode, 1)
            self.assertTrue(b"".join(output_lines(out, path)[1]) == batch.stdout,
                            "the partitions of %s add up to one storydiff batch run over it" % path)
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        self.assertEqual((manifest["jobs"], manifest["results"], len(manifest["partitions"])), (JOBS, JOBS, partitions))


if __name__ == "__main__":
    unittest.main(verbosity=2)
