// Internal: the bulk runner's files. The input (one request per JSONL line,
// read twice: once to check it all before anything is sent, once to send),
// the output, which is also the journal (the keys of its whole lines are the
// requests done), and the small record next to it naming the input it
// belongs to.
#ifndef GENAI_SRC_CLIENT_BULK_INPUT_H_
#define GENAI_SRC_CLIENT_BULK_INPUT_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/result.h"
#include "genai/types.h"

namespace genai::internal {

// A request line, parsed. `overlay` is the request's fields other than
// contents, merged over the body the library builds (the line wins).
struct BulkLine {
  std::string key;
  std::optional<std::string> model;
  std::vector<Content> contents;
  nlohmann::json overlay;
  double estimated_tokens = 0;  // input tokens, guessed from the size (about 4 bytes each)
};

// One non-blank line (without its newline). The Error's message says what is
// wrong with it, without the line number.
Result<BulkLine> parse_bulk_line(std::string_view text, std::int64_t line_number);

// The lines of a file, numbered from 1; blank lines are skipped (numbered
// all the same). Hashes what it reads (SHA-256).
class BulkLineReader {
 public:
  static Result<BulkLineReader> open(const std::string& path);
  BulkLineReader(BulkLineReader&&) noexcept;
  ~BulkLineReader();
  // False at the end of the file, or with *error set when reading failed.
  bool next(std::string& line, std::int64_t& number, std::optional<Error>* error);
  // The SHA-256 of everything read, in hex: the file's, once next() said the end.
  std::string sha256_hex();

 private:
  BulkLineReader() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What a results file holds: the keys of its whole result lines.
struct ResultsScan {
  std::unordered_set<std::string> keys;
  std::int64_t errors = 0;          // lines with "error"
  std::uint64_t whole_bytes = 0;    // up to the end of the last good line
  std::uint64_t size = 0;           // the file's size
  std::int64_t torn_line = 0;       // the first line after whole_bytes, when size > whole_bytes
};

// Reads `path` (absent: empty). A line that is not a result line is an Error
// naming it, unless only such lines follow it to the end of the file (what a
// crash in the middle of writing leaves): then whole_bytes stops before it.
// A key seen twice is an Error.
Result<ResultsScan> scan_results(const std::string& path);

// The record of a run next to its output (output + ".run"): the input it
// belongs to, so a resume with another input is refused.
struct RunRecord {
  std::string input_sha256;
  std::string model;
  int shard_index = 0;
  int shard_count = 1;
};
std::string run_record_path(const std::string& output);
Result<std::optional<RunRecord>> read_run_record(const std::string& output);
Result<void> write_run_record(const std::string& output, const RunRecord& record);

// The results file, opened to append. Each line goes out in one write(), so
// a killed process leaves whole lines (and a power loss at most a torn last
// line, which the next scan cuts off).
class ResultsWriter {
 public:
  // Opens (creating) `path` and cuts it to `keep_bytes` (a torn tail).
  static Result<ResultsWriter> open(const std::string& path, std::uint64_t keep_bytes);
  ResultsWriter(ResultsWriter&& other) noexcept;
  ~ResultsWriter();
  Result<void> append(const std::string& line);  // `line` ends with '\n'
  Result<void> sync();
  bool unsynced() const { return unsynced_; }

 private:
  ResultsWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
  bool unsynced_ = false;
};

// Rewrites `path` atomically without its error lines (and any torn tail).
Result<void> drop_error_results(const std::string& path);

// The key a line without one gets: its line number.
std::string line_number_key(std::int64_t line_number);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_BULK_INPUT_H_
