#include "batch.h"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "input.h"
#include "storydiff/storydiff.h"

namespace storydiff::cli {

namespace {

using Json = nlohmann::json;

constexpr int kAllRan = 0;
constexpr int kSomeFailed = 1;
constexpr int kTrouble = 2;

// A job line larger than this is refused (input_too_large) without being held in memory: with
// the window below it bounds the memory of a run whatever the input.
constexpr std::size_t kMaxLineBytes = 256u * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Arguments.

struct BatchOptions {
  std::string file = "-";
  unsigned jobs = 0;  // 0: the number of cores
  std::uint64_t first_line = 1;  // the number of the input's first line, in messages
  bool summary = false;
  bool help = false;
};

std::optional<std::string> parse_batch_args(int argc, const char* const* argv, BatchOptions& o) {
  bool have_file = false;
  bool only_files = false;
  for (int k = 2; k < argc; ++k) {
    std::string arg = argv[k];
    if (!only_files && (arg == "-j" || arg == "--jobs" || arg.rfind("--jobs=", 0) == 0)) {
      std::string v;
      if (arg.size() > 7 && arg[6] == '=') v = arg.substr(7);
      else if (k + 1 < argc) v = argv[++k];
      else return "option " + arg + " needs a value";
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1 || n > 1024)
        return "--jobs takes a number of threads from 1 to 1024, not '" + v + "'";
      o.jobs = static_cast<unsigned>(n);
    } else if (!only_files && (arg == "--first-line" || arg.rfind("--first-line=", 0) == 0)) {
      std::string v;
      if (arg.size() > 12 && arg[12] == '=') v = arg.substr(13);
      else if (k + 1 < argc) v = argv[++k];
      else return "option " + arg + " needs a value";
      char* end = nullptr;
      errno = 0;
      const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || v[0] == '-' || *end != '\0' || errno != 0 || n < 1)
        return "--first-line takes a line number from 1, not '" + v + "'";
      o.first_line = n;
    } else if (!only_files && arg == "--summary") {
      o.summary = true;
    } else if (!only_files && (arg == "-h" || arg == "--help")) {
      o.help = true;
    } else if (!only_files && arg == "--") {
      only_files = true;
    } else if (!only_files && arg.size() > 1 && arg[0] == '-') {
      return "unknown option '" + arg + "' (see storydiff batch --help)";
    } else {
      if (have_file) return "batch reads one FILE of jobs (or standard input), not several";
      o.file = arg;
      have_file = true;
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// One job.

// The error object of a result line. `code` is an engine ErrorCode name or batch's own bad_job.
std::string error_line(const std::string& id_json, std::string_view code, const std::string& message) {
  Json e = Json::object();
  e["code"] = std::string(code);
  e["message"] = message;
  return "{\"id\":" + id_json + ",\"error\":" + e.dump(-1, ' ', false, Json::error_handler_t::replace) + "}";
}

// Offset of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else return i;
    if (i + len > n) return i;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      const auto ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// `s` with every invalid UTF-8 byte replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  while (!s.empty()) {
    const std::size_t bad = find_invalid_utf8(s);
    if (bad == std::string_view::npos) { out.append(s); break; }
    out.append(s.substr(0, bad));
    out.append("\xEF\xBF\xBD");
    s.remove_prefix(bad + 1);
  }
  return out;
}

// Only to word the message of a line that is not JSON: the DOM parse above it never throws.
struct SyntaxErrorSax : nlohmann::json_sax<Json> {
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
    message = ex.what();
    // "[json.exception.parse_error.101] parse error at ..." -> "parse error at ..."
    if (auto close = message.find("] "); message.rfind("[json.exception", 0) == 0 && close != std::string::npos)
      message.erase(0, close + 2);
    return false;
  }
};

std::string syntax_error(std::string_view line) {
  SyntaxErrorSax sax;
  Json::sax_parse(line, &sax);
  return sax.message.empty() ? std::string("not valid JSON") : sax.message;
}

struct JobResult {
  std::string line;  // the result line, without its newline
  bool ok = false;
};

// Why a job failed: an engine ErrorCode name, or bad_job.
struct Failure {
  std::string_view code;
  std::string message;
};

Failure bad_job(std::string message) { return Failure{"bad_job", std::move(message)}; }
Failure engine_failure(const Error& e) { return Failure{error_code_name(e.code), e.message}; }

// Reads one document of a job: inline text, or a file by path.
std::variant<Document, Failure> read_job_document(const Json& d, std::size_t index) {
  const std::string which = "document " + std::to_string(index + 1);
  if (!d.is_object()) return bad_job(which + " must be an object with \"text\" or \"path\"");
  const Json *text = nullptr, *path = nullptr, *name = nullptr, *format = nullptr;
  for (auto it = d.begin(); it != d.end(); ++it) {
    const std::string& k = it.key();
    if (k == "text") text = &it.value();
    else if (k == "path") path = &it.value();
    else if (k == "name") name = &it.value();
    else if (k == "format") format = &it.value();
    else return bad_job(which + " has an unknown field '" + k + "' (expected name, text, path, format)");
  }
  if ((text == nullptr) == (path == nullptr)) return bad_job(which + " needs exactly one of \"text\" and \"path\"");
  if ((text && !text->is_string()) || (path && !path->is_string()) || (name && !name->is_string()) ||
      (format && !format->is_string()))
    return bad_job(which + ": name, text, path and format must be strings");

  ReadOptions read;
  if (format) {
    auto f = parse_format(format->get_ref<const std::string&>());
    if (!f) return Failure{error_code_name(ErrorCode::bad_option), which + ": " + f.error().message};
    read.format = *f;
  }
  Expected<Document> doc = Error{};
  if (text) {
    std::string doc_name = name ? name->get<std::string>() : "doc" + std::to_string(index + 1);
    doc = read_document(text->get_ref<const std::string&>(), std::move(doc_name), read);
  } else {
    const std::string& p = path->get_ref<const std::string&>();
    if (p.empty() || p == "-")
      return bad_job(which + ": \"path\" must name a file (standard input carries the jobs)");
    auto bytes = read_input(p, read.max_bytes);
    if (!bytes) return engine_failure(bytes.error());
    doc = read_document(*bytes, name ? name->get<std::string>() : p, read);
  }
  if (!doc) return engine_failure(doc.error());
  return std::move(doc).value();
}

// The summary of a comparison: its stats and the claims that changed, with their sentences'
// text. Cut from to_json's output, so that every field is spelled as the one serializer spells it.
//   two documents:  alignment entries that are not equal-in-place, with "old" and "new" texts;
//   three or more:  claims some document lacks or words differently, each member with "texts";
//                   and the pairwise overlap.
std::string summary_json(const Comparison& c) {
  using OJson = nlohmann::ordered_json;
  const auto full = OJson::parse(to_json(c), nullptr, false);
  const auto& documents = full["documents"];
  auto texts = [&](std::size_t doc, const OJson& indices) {
    auto out = OJson::array();
    const auto& sentences = documents[doc]["sentences"];
    for (const auto& k : indices) out.push_back(sentences[k.get<std::size_t>()]["text"]);
    return out;
  };
  OJson s = OJson::object();
  s["stats"] = full["stats"];
  auto changes = OJson::array();
  if (full.contains("alignment")) {
    for (const auto& e : full["alignment"]) {
      if (e["op"] == "equal" && !e["moved"].get<bool>()) continue;
      OJson change = OJson::object();
      for (const char* key : {"op", "a", "b", "moved", "similarity"}) change[key] = e[key];
      if (e.contains("callouts")) change["callouts"] = e["callouts"];
      change["old"] = texts(0, e["a"]);
      change["new"] = texts(1, e["b"]);
      changes.push_back(std::move(change));
    }
  } else {
    for (const auto& claim : full["claims"]) {
      bool changed = claim["docs"].size() < documents.size();
      for (const auto& m : claim["members"])
        for (const auto& t : m["tokens"]) changed = changed || t["op"] != "equal";
      if (!changed) continue;
      OJson change = OJson::object();
      for (const char* key : {"text", "representative", "docs"}) change[key] = claim[key];
      change["members"] = OJson::array();
      for (const auto& m : claim["members"]) {
        OJson member = OJson::object();
        for (const char* key : {"doc", "sentences", "similarity"}) member[key] = m[key];
        member["texts"] = texts(m["doc"].get<std::size_t>(), m["sentences"]);
        change["members"].push_back(std::move(member));
      }
      changes.push_back(std::move(change));
    }
  }
  s["changes"] = std::move(changes);
  if (full.contains("overlap")) s["overlap"] = full["overlap"];
  s["approximate"] = full["approximate"];
  s["warnings"] = full["warnings"];
  return s.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

JobResult run_job(std::string_view line, std::uint64_t line_number, bool summary) {
  const std::string where = "line " + std::to_string(line_number) + ": ";
  Json job = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (job.is_discarded()) {
    if (const std::size_t bad = find_invalid_utf8(line); bad != std::string_view::npos) {
      // JSON text must be UTF-8. Keep the job's id when the rest of the line makes sense.
      const Json repaired = Json::parse(replace_invalid_utf8(line), nullptr, false);
      std::string id = "null";
      if (repaired.is_object() && repaired.contains("id") && (repaired["id"].is_string() || repaired["id"].is_number()))
        id = repaired["id"].dump(-1, ' ', false, Json::error_handler_t::replace);
      return {error_line(id, error_code_name(ErrorCode::invalid_utf8),
                         where + "invalid UTF-8 at byte " + std::to_string(bad) + " of the line (a job must be UTF-8 JSON)"),
              false};
    }
    return {error_line("null", "bad_job", where + "not a JSON job: " + syntax_error(line)), false};
  }
  if (!job.is_object()) return {error_line("null", "bad_job", where + "a job must be a JSON object"), false};
  const auto id_it = job.find("id");
  if (id_it == job.end() || !(id_it->is_string() || id_it->is_number()))
    return {error_line("null", "bad_job", where + "the job needs an \"id\" (a string or a number)"), false};
  const std::string id = id_it->dump();

  const auto docs_it = job.find("docs");
  if (docs_it == job.end() || !docs_it->is_array())
    return {error_line(id, "bad_job", where + "the job needs \"docs\", an array of documents"), false};
  const std::size_t n = docs_it->size();
  if (n < 2)
    return {error_line(id, "bad_job", where + "a comparison needs two documents or more, the job has " + std::to_string(n)), false};
  if (n > kMaxDocuments)
    return {error_line(id, error_code_name(ErrorCode::bad_option),
                       where + "the job has " + std::to_string(n) + " documents; at most " +
                           std::to_string(kMaxDocuments) + " are compared at once"),
            false};

  Options options;
  if (const auto o = job.find("options"); o != job.end()) {
    if (!o->is_object()) return {error_line(id, error_code_name(ErrorCode::bad_option), where + "\"options\" must be an object"), false};
    auto parsed = options_from_json(o->dump());
    if (!parsed) return {error_line(id, error_code_name(ErrorCode::bad_option), where + parsed.error().message), false};
    options = *parsed;
  }

  std::vector<Document> docs;
  docs.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    auto doc = read_job_document((*docs_it)[k], k);
    if (auto* f = std::get_if<Failure>(&doc)) return {error_line(id, f->code, where + f->message), false};
    docs.push_back(std::move(std::get<Document>(doc)));
  }
  auto result = compare(std::move(docs), options);
  if (!result) return {error_line(id, error_code_name(result.error().code), where + result.error().message), false};
  if (summary) return {"{\"id\":" + id + ",\"summary\":" + summary_json(*result) + "}", true};
  return {"{\"id\":" + id + ",\"result\":" + to_json(*result) + "}", true};
}

// ---------------------------------------------------------------------------------------------
// The pipeline: this thread reads lines, `jobs` workers compare, a writer prints in input order.
// At most `window` jobs are between reading and printing, so memory does not grow with the input.

class Pipeline {
 public:
  Pipeline(unsigned workers, std::size_t window, bool summary)
      : window_(window), summary_(summary), slots_(window) {
    for (unsigned k = 0; k < workers; ++k) workers_.emplace_back([this] { work(); });
    writer_ = std::thread([this] { write(); });
  }

  /// Queues a job; blocks while the window is full. False once output has failed.
  bool push(std::string line, std::uint64_t line_number) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return read_ - written_ < window_ || write_failed_; });
    if (write_failed_) return false;
    queue_.push_back(Job{read_++, line_number, std::move(line)});
    work_ready_.notify_one();
    return true;
  }

  /// Queues a ready-made result line (a job refused while reading, e.g. too long).
  bool push_result(JobResult r) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return read_ - written_ < window_ || write_failed_; });
    if (write_failed_) return false;
    Slot& s = slots_[read_++ % window_];
    s.result = std::move(r);
    s.ready = true;
    output_ready_.notify_one();
    return true;
  }

  /// Waits for every queued job to be printed. Returns false when writing failed.
  bool finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      input_done_ = true;
    }
    work_ready_.notify_all();
    output_ready_.notify_all();
    for (auto& t : workers_) t.join();
    writer_.join();
    return !write_failed_;
  }

  std::uint64_t jobs() const { return written_; }
  std::uint64_t errors() const { return errors_; }

 private:
  struct Job {
    std::uint64_t seq;
    std::uint64_t line_number;
    std::string line;
  };
  struct Slot {
    JobResult result;
    bool ready = false;
  };

  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_ready_.wait(lock, [&] { return !queue_.empty() || input_done_ || write_failed_; });
        if (queue_.empty() || write_failed_) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      JobResult r;
      try {
        r = run_job(job.line, job.line_number, summary_);
      } catch (const std::exception& e) {  // bad_alloc, or a bug: the job fails, the run goes on
        r = {error_line("null", error_code_name(ErrorCode::internal),
                        "line " + std::to_string(job.line_number) + ": " + e.what()),
             false};
      }
      job.line = std::string();
      std::lock_guard<std::mutex> lock(mu_);
      Slot& s = slots_[job.seq % window_];
      s.result = std::move(r);
      s.ready = true;
      if (job.seq == written_) output_ready_.notify_one();
    }
  }

  void write() {
    for (;;) {
      JobResult r;
      {
        std::unique_lock<std::mutex> lock(mu_);
        Slot* s = &slots_[written_ % window_];
        if (!s->ready) {
          lock.unlock();
          // Nothing to print yet: hand what is buffered to the reader of our output.
          if (std::fflush(stdout) != 0) return fail_write();
          lock.lock();
          output_ready_.wait(lock, [&] {
            s = &slots_[written_ % window_];
            return s->ready || (input_done_ && written_ == read_);
          });
          if (!s->ready) return;
        }
        r = std::move(s->result);
        s->result = JobResult{};
        s->ready = false;
      }
      r.line += '\n';
      if (std::fwrite(r.line.data(), 1, r.line.size(), stdout) != r.line.size()) return fail_write();
      std::lock_guard<std::mutex> lock(mu_);
      ++written_;
      if (!r.ok) ++errors_;
      room_.notify_one();
    }
  }

  void fail_write() {
    std::lock_guard<std::mutex> lock(mu_);
    write_failed_ = true;
    room_.notify_all();
    work_ready_.notify_all();
  }

  const std::size_t window_;
  const bool summary_;
  std::mutex mu_;
  std::condition_variable work_ready_, output_ready_, room_;
  std::deque<Job> queue_;
  std::vector<Slot> slots_;  // slot seq % window holds job seq's result until it is printed
  std::uint64_t read_ = 0, written_ = 0, errors_ = 0;
  bool input_done_ = false, write_failed_ = false;
  std::vector<std::thread> workers_;
  std::thread writer_;
};

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::string batch_usage() {
  return R"(usage: storydiff batch [--jobs N] [--summary] [FILE]

Runs many comparisons: reads JSON Lines from FILE (or standard input), one job per line,
  {"id": "a1", "docs": [{"name": "v1.txt", "text": "..."}, {"path": "v2.html"}], "options": {...}}
and writes one JSON line per job to standard output, in input order:
  {"id": "a1", "result": {...}}                       the comparison, as --format json gives it
  {"id": "a1", "summary": {"stats": {...}, "changes": [...]}}   with --summary
  {"id": "a1", "error": {"code": "...", "message": "..."}}      a job that failed
A job compares two documents (or up to 20, grouped into claims). A document is {"text": ...} or
{"path": ...}, with an optional "name" and "format"; "options" takes the engine's option names
(threshold, ignore_case, ...). Other fields of a job are ignored; blank lines are skipped.

  -j, --jobs N          compare on N threads (default: the number of cores)
      --summary         print only each comparison's stats and changed claims
      --first-line N    number the input's lines from N in messages (for a driver that feeds
                        a slice of a larger file; default 1)
  -h, --help            show this help

A bad job gives an error line and the run goes on. A summary goes to standard error at the end.
Exit status: 0 if every job ran, 1 if some failed, 2 on trouble with the run itself.
)";
}

int run_batch(int argc, const char* const* argv) {
  BatchOptions opt;
  if (auto bad = parse_batch_args(argc, argv, opt)) {
    std::fprintf(stderr, "storydiff batch: %s\n", bad->c_str());
    return kTrouble;
  }
  if (opt.help) {
    std::fputs(batch_usage().c_str(), stdout);
    return kAllRan;
  }
  unsigned jobs = opt.jobs;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  std::FILE* in = stdin;
  const bool from_stdin = opt.file == "-";
  if (!from_stdin) {
    in = std::fopen(opt.file.c_str(), "rb");
    if (!in) {
      std::fprintf(stderr, "storydiff batch: %s: %s\n", opt.file.c_str(), std::strerror(errno));
      return kTrouble;
    }
  }
  const std::string input_name = from_stdin ? "standard input" : opt.file;

  const auto start = std::chrono::steady_clock::now();
  // Enough jobs in flight to keep every thread busy while one slow job holds up the printing.
  const std::size_t window = std::max<std::size_t>(64, std::size_t{16} * jobs);
  Pipeline pipeline(jobs, window, opt.summary);

  // Lines are cut from 64 KB reads; a line past kMaxLineBytes is dropped as it streams by.
  std::vector<char> buf(1 << 16);
  std::string line;
  bool too_long = false, output_ok = true;
  std::uint64_t line_number = opt.first_line - 1;
  auto end_line = [&]() -> bool {
    ++line_number;
    bool ok = true;
    if (too_long) {
      ok = pipeline.push_result({error_line("null", error_code_name(ErrorCode::input_too_large),
                                            "line " + std::to_string(line_number) + ": longer than " +
                                                std::to_string(kMaxLineBytes) + " bytes"),
                                 false});
    } else if (!blank(line)) {
      ok = pipeline.push(std::move(line), line_number);
    }
    line = std::string();
    too_long = false;
    return ok;
  };
  for (;;) {
    const std::size_t n = std::fread(buf.data(), 1, buf.size(), in);
    std::size_t pos = 0;
    while (output_ok && pos < n) {
      const char* nl = static_cast<const char*>(std::memchr(buf.data() + pos, '\n', n - pos));
      const std::size_t end = nl ? static_cast<std::size_t>(nl - buf.data()) : n;
      if (!too_long) {
        if (line.size() + (end - pos) > kMaxLineBytes) {
          too_long = true;
          line = std::string();
        } else {
          line.append(buf.data() + pos, end - pos);
        }
      }
      pos = end;
      if (nl) {
        ++pos;
        output_ok = end_line();
      }
    }
    if (!output_ok || n < buf.size()) break;
  }
  const bool read_failed = std::ferror(in) != 0;
  const int read_errno = errno;
  if (output_ok && !read_failed && (!line.empty() || too_long)) output_ok = end_line();  // no final newline
  if (!from_stdin) std::fclose(in);

  output_ok = pipeline.finish() && output_ok;
  if (std::fflush(stdout) != 0) output_ok = false;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::uint64_t done = pipeline.jobs(), errors = pipeline.errors();
  std::fprintf(stderr, "storydiff batch: %llu jobs, %llu errors, %.3f s, %.1f jobs/s (%u threads)\n",
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(errors), seconds,
               seconds > 0 ? static_cast<double>(done) / seconds : 0.0, jobs);
  if (!output_ok) {
    std::fprintf(stderr, "storydiff batch: standard output: write failed\n");
    return kTrouble;
  }
  if (read_failed) {
    std::fprintf(stderr, "storydiff batch: %s: %s\n", input_name.c_str(), std::strerror(read_errno));
    return kTrouble;
  }
  return errors > 0 ? kSomeFailed : kAllRan;
}

}  // namespace storydiff::cli
