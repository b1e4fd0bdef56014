// The bulk runner's output, which is its journal: scanned on resume (a torn
// tail cut off), appended to one whole line per write().
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "client/bulk_input.h"
#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/json_parse.h"

namespace genai::internal {

using nlohmann::json;

namespace {

// The key of a result line, or nullopt when the line is not one: an object
// with a non-empty string "key" and a "response" or an "error" object.
std::optional<std::string> result_key(std::string_view line, bool* is_error) {
  json j = parse_json(line);
  if (!j.is_object()) return std::nullopt;
  auto key = j.find("key");
  if (key == j.end() || !key->is_string() || key->get_ref<const std::string&>().empty()) return std::nullopt;
  const bool response = j.contains("response") && j["response"].is_object();
  const bool error = j.contains("error") && j["error"].is_object();
  if (response == error) return std::nullopt;
  *is_error = error;
  return key->get<std::string>();
}

}  // namespace

Result<ResultsScan> scan_results(const std::string& path) {
  ResultsScan scan;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return scan;
    return file_error_from_errno(errno, "read the results file", path);
  }
  std::string line;
  std::uint64_t offset = 0;
  std::int64_t number = 0;
  std::int64_t first_bad = 0;  // a line that is not a result: only the last line may be one (torn)
  while (std::getline(in, line)) {
    ++number;
    const bool whole = !in.eof();  // ended by '\n'
    const std::uint64_t next = offset + line.size() + (whole ? 1 : 0);
    if (first_bad) {
      return local_error("FAILED_PRECONDITION",
                         path + ": line " + std::to_string(first_bad) + " is not a result line, and more lines "
                             "follow it",
                         "This file was changed by something other than genai run; write the results to a new "
                         "file (-o) or repair this one.");
    }
    bool is_error = false;
    std::optional<std::string> key = whole ? result_key(line, &is_error) : std::nullopt;
    if (!key) {
      first_bad = number;
    } else {
      if (!scan.keys.insert(*key).second) {
        return local_error("FAILED_PRECONDITION",
                           path + ": line " + std::to_string(number) + " repeats the key \"" + *key + "\"",
                           "Each request's result is written once; remove the repeated line.");
      }
      if (is_error) ++scan.errors;
      scan.whole_bytes = next;
    }
    offset = next;
  }
  scan.size = offset;
  if (first_bad) scan.torn_line = first_bad;
  return scan;
}

std::string run_record_path(const std::string& output) { return output + ".run"; }

Result<std::optional<RunRecord>> read_run_record(const std::string& output) {
  const std::string path = run_record_path(output);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::optional<RunRecord>();
    return file_error_from_errno(errno, "read the run record", path);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  json j = parse_json(ss.str());
  RunRecord r;
  if (!j.is_object() || !j.contains("inputSha256") || !j["inputSha256"].is_string()) {
    return local_error("FAILED_PRECONDITION", path + " is not a genai run record",
                       "Remove it together with the results file, or write the results to a new file (-o).");
  }
  r.input_sha256 = j["inputSha256"].get<std::string>();
  r.model = j.value("model", std::string());
  r.shard_index = j.value("shardIndex", 0);
  r.shard_count = j.value("shardCount", 1);
  return std::optional<RunRecord>(std::move(r));
}

Result<void> write_run_record(const std::string& output, const RunRecord& record) {
  const json j = {{"inputSha256", record.input_sha256},
                  {"model", record.model},
                  {"shardIndex", record.shard_index},
                  {"shardCount", record.shard_count}};
  return write_file_atomically(run_record_path(output), j.dump(2) + "\n", true);
}

Result<ResultsWriter> ResultsWriter::open(const std::string& path, std::uint64_t keep_bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return file_error_from_errno(errno, "open the results file", path);
  ResultsWriter w(fd, path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return file_error_from_errno(errno, "read the results file", path);
  if (static_cast<std::uint64_t>(st.st_size) > keep_bytes) {
    // A torn last line: cut off and made durable before anything is appended
    // after it, so it cannot reappear in the middle of the file.
    if (::ftruncate(fd, static_cast<off_t>(keep_bytes)) != 0 || ::fdatasync(fd) != 0) {
      return file_error_from_errno(errno, "cut the torn last line of", path);
    }
  }
  return w;
}

ResultsWriter::ResultsWriter(ResultsWriter&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)), unsynced_(other.unsynced_) {
  other.fd_ = -1;
}

ResultsWriter::~ResultsWriter() {
  if (fd_ >= 0) {
    if (unsynced_) ::fdatasync(fd_);
    ::close(fd_);
  }
}

Result<void> ResultsWriter::append(const std::string& line) {
  // One write() per line: with O_APPEND it lands whole at the end, so a
  // process killed at any moment leaves whole lines. A short write (a full
  // disk) is cut back off, so the file never ends in half a line we made.
  const ssize_t n = ::write(fd_, line.data(), line.size());
  if (n == static_cast<ssize_t>(line.size())) {
    unsynced_ = true;
    return {};
  }
  const int err = n < 0 ? errno : ENOSPC;
  struct stat st {};
  if (n > 0 && ::fstat(fd_, &st) == 0) (void)::ftruncate(fd_, st.st_size - n);
  return file_error_from_errno(err, "append to the results file", path_);
}

Result<void> ResultsWriter::sync() {
  if (!unsynced_) return {};
  if (::fdatasync(fd_) != 0) return file_error_from_errno(errno, "flush the results file", path_);
  unsynced_ = false;
  return {};
}

Result<void> drop_error_results(const std::string& path) {
  Result<ResultsScan> scan = scan_results(path);
  if (!scan) return std::move(scan).error();
  if (scan->errors == 0 && scan->whole_bytes == scan->size) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) return file_error_from_errno(errno, "read the results file", path);
  std::string kept;
  std::string line;
  std::uint64_t offset = 0;
  while (offset < scan->whole_bytes && std::getline(in, line)) {
    offset += line.size() + 1;
    bool is_error = false;
    if (result_key(line, &is_error) && !is_error) kept += line + "\n";
  }
  return write_file_atomically(path, kept, true);
}

}  // namespace genai::internal
