// storydiff CLI — command-line options.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "storydiff/storydiff.h"

namespace storydiff::cli {

/// How the comparison is printed.
enum class OutputFormat { text, json, html };

/// When to colour terminal output.
enum class ColorMode { automatic, always, never };

/// Everything the command line says.
struct CliOptions {
  std::vector<std::string> files;            ///< OLD NEW (or "-" for standard input)
  OutputFormat output = OutputFormat::text;
  ColorMode color = ColorMode::automatic;
  ReadOptions read;                          ///< input format, size limit, UTF-8 repair
  Options compare;                           ///< engine options
  std::string output_file;                   ///< -o: write here instead of standard output
  int indent = -1;                           ///< JSON indentation (--pretty: 2)
  bool show_unchanged = false;               ///< text: print unchanged claims too
  bool brief = false;                        ///< print nothing; only the exit code
  bool help = false;
  bool version = false;
};

/// Parses argv. Fails with bad_option and a message naming the argument.
Expected<CliOptions> parse_args(int argc, const char* const* argv);

/// The --help text.
std::string usage();

}  // namespace storydiff::cli
