// storydiff CLI — `storydiff batch`: many comparisons from JSON Lines, one result line per job.
#pragma once

#include <string>

namespace storydiff::cli {

/// Runs `storydiff batch [--jobs N] [--summary] [FILE]` (argv[1] is "batch"). Reads one job per
/// line from FILE or standard input, writes one JSON line per job to standard output in input
/// order, and a summary line on standard error. Returns 0 when every job ran, 1 when some job
/// failed (its line holds an `error` object), 2 when the run itself failed.
int run_batch(int argc, const char* const* argv);

/// The `storydiff batch --help` text.
std::string batch_usage();

}  // namespace storydiff::cli
