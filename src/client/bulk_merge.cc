// merge_bulk_results: the outputs of the shards of one run joined into one
// file, after checking that together they are exactly the run's results.
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "client/bulk_input.h"
#include "core/atomic_file.h"
#include "core/errors.h"
#include "genai/bulk.h"

namespace genai {

namespace {

std::string bulk_key_list(const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size() && i < 10; ++i) out += (i ? ", \"" : "\"") + keys[i] + "\"";
  if (keys.size() > 10) out += " and " + std::to_string(keys.size() - 10) + " more";
  return out;
}

}  // namespace

Result<std::int64_t> merge_bulk_results(const BulkMergeOptions& options) {
  if (options.inputs.empty()) return internal::invalid_argument("no results files to merge were given");
  if (options.output.empty()) return internal::invalid_argument("no output file was given (-o)");
  std::unordered_set<std::string> seen;
  std::string merged;
  for (const std::string& path : options.inputs) {
    Result<internal::ResultsScan> scan = internal::scan_results(path);
    if (!scan) return std::move(scan).error();
    if (scan->whole_bytes != scan->size) {
      return internal::local_error("FAILED_PRECONDITION",
                                   path + ": line " + std::to_string(scan->torn_line) +
                                       " is torn (the run writing it was cut off)",
                                   "Resume that shard with the command that started it; it repairs the file.");
    }
    for (const std::string& key : scan->keys) {
      if (!seen.insert(key).second) {
        return internal::local_error("FAILED_PRECONDITION",
                                     "the key \"" + key + "\" has a result in more than one file (" + path + ")",
                                     "Merge the outputs of the shards of one run, each once.");
      }
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    merged += ss.str();
  }
  if (!options.input_path.empty()) {
    Result<internal::BulkLineReader> reader = internal::BulkLineReader::open(options.input_path);
    if (!reader) return std::move(reader).error();
    std::vector<std::string> missing;
    std::unordered_set<std::string> requested;
    std::string text;
    std::int64_t number = 0;
    std::optional<Error> read_error;
    while (reader->next(text, number, &read_error)) {
      Result<internal::BulkLine> line = internal::parse_bulk_line(text, number);
      if (!line) {
        return internal::invalid_argument(options.input_path + ":" + std::to_string(number) + ": " +
                                          line.error().message);
      }
      requested.insert(line->key);
      if (!seen.count(line->key)) missing.push_back(line->key);
    }
    if (read_error) return *read_error;
    if (!missing.empty()) {
      return internal::local_error("FAILED_PRECONDITION",
                                   std::to_string(missing.size()) + " request(s) of " + options.input_path +
                                       " have no result: " + bulk_key_list(missing),
                                   "Run (or resume) the shards that hold them, then merge again.");
    }
    std::vector<std::string> extra;
    for (const std::string& key : seen) {
      if (!requested.count(key)) extra.push_back(key);
    }
    if (!extra.empty()) {
      return internal::local_error("FAILED_PRECONDITION",
                                   std::to_string(extra.size()) + " result(s) are for keys that " + options.input_path +
                                       " does not have: " + bulk_key_list(extra),
                                   "Merge the outputs of a run of this requests file.");
    }
  }
  if (Result<void> w = internal::write_file_atomically(options.output, merged, options.overwrite); !w) {
    return std::move(w).error();
  }
  return static_cast<std::int64_t>(seen.size());
}

}  // namespace genai
