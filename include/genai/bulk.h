// genai::BulkRunner: many generateContent requests from a JSONL file, run
// concurrently on the client's one libcurl-multi event loop (no thread per
// request), under client-side rate limits, into a JSONL results file that is
// also the run's journal: a run stopped in any way (Ctrl-C, kill -9, power
// loss) and started again with the same options sends each remaining request
// exactly once and none whose result is already written. `genai run` is a thin
// layer over it (docs/run.md).
//
//   genai::BulkRunOptions o;
//   o.input_path = "requests.jsonl";     // "a prompt" | {"key": .., "request": {contents, ...}}
//   o.output_path = "results.jsonl";     // {"key", "usage", "response"} | {"key", "error": {code, message, status}}
//   o.model = "gemini-2.5-flash";
//   o.concurrency = 32;
//   o.requests_per_minute = 1000;        // stay under the project's quota instead of meeting 429s
//   genai::BulkRunner runner(client, o);
//   genai::Result<genai::BulkSummary> s = runner.run();
//   if (s) std::cout << s->succeeded << " ok, " << s->failed << " failed\n";
//
// Each request is sent exactly as models().generate_content_async sends one:
// the runner's `config` is built into the body by the library, and the fields
// of a line's request (systemInstruction, generationConfig, tools, ...) are
// merged over it as they are on the wire (the line wins), so a field lands
// where a single call puts it. Retries are the client's retry policy
// (RetryOptions), with a hook that pauses the whole runner when the server
// answers 429 with a RetryInfo delay.
#ifndef GENAI_BULK_H_
#define GENAI_BULK_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <stop_token>
#include <string>
#include <vector>

#include "genai/client.h"
#include "genai/result.h"
#include "genai/types.h"

namespace genai {

struct BulkProgress;

struct BulkRunOptions {
  std::string input_path;   // JSONL: one request per line (see the top of this file)
  std::string output_path;  // JSONL results, appended to; its journal is output_path + ".run"
  std::string model = "gemini-2.5-flash";  // a line's own "model" wins
  GenerateContentConfig config;  // every request's config; a line's request fields are merged over it
  int concurrency = 32;          // requests in flight at once
  // Client-side limits, kept just under (a token bucket refilled at 98% of
  // the rate, with a burst of 1% of it), so a run at the quota meets no 429.
  // 0: none. Tokens are input tokens (what Gemini's TPM quota counts),
  // estimated from the request's size before sending and corrected from
  // usageMetadata.promptTokenCount when the answer comes.
  int requests_per_minute = 0;
  std::int64_t tokens_per_minute = 0;
  // This process's share of the input: the lines whose key hashes
  // (FNV-1a 64) to shard_index modulo shard_count, 0 <= shard_index <
  // shard_count. N processes with the same input and 0..N-1 share a job with
  // no coordination; merge_bulk_results joins their outputs.
  int shard_index = 0;
  int shard_count = 1;
  // Results are written whole, one write() per line, as they come; the file
  // is fdatasync'ed at most this often and at the end. A process that is
  // killed loses nothing written; a power loss at most this much, whose
  // requests are then sent again on resume. 0: after every line.
  std::chrono::milliseconds sync_interval{1000};
  // Resume only: write away the error lines of an earlier run (the file is
  // rewritten atomically) so those requests are sent again.
  bool retry_errors = false;
  // Requested: no new request starts; those in flight are finished and
  // written. `abandon` requested: stop waiting for them too (they are not
  // written, so a resume sends them again).
  std::stop_token stop;
  std::stop_token abandon;
  // Called on the thread of run(), about every progress_interval and once at
  // the end. Keep it short.
  std::function<void(const BulkProgress&)> on_progress;
  std::chrono::milliseconds progress_interval{250};
};

struct BulkProgress {
  std::int64_t total = 0;            // requests of this shard in the input
  std::int64_t done_before = 0;      // results already in the output when the run began
  std::int64_t succeeded = 0;        // written this run with a response
  std::int64_t failed = 0;           // written this run with an error (after the retry policy)
  std::int64_t in_flight = 0;
  std::int64_t retries = 0;          // attempts the retry policy repeated
  std::int64_t prompt_tokens = 0;    // usageMetadata of this run's responses
  std::int64_t output_tokens = 0;    // candidates + thoughts tokens
  std::int64_t total_tokens = 0;
  std::chrono::milliseconds elapsed{0};
  std::chrono::milliseconds paused{0};  // left of a pause a 429 with RetryInfo asked for
  std::int64_t remaining() const { return total - done_before - succeeded - failed; }
};

struct BulkSummary : BulkProgress {
  bool stopped = false;    // stop or abandon was requested before every request was done
  std::int64_t abandoned = 0;  // in flight when abandoned: not written, sent again on resume
  std::map<std::string, std::int64_t> failures_by_status;  // "RESOURCE_EXHAUSTED" -> 3
};

// One line of the input that cannot be run, by its 1-based line number.
struct BulkLineProblem {
  std::int64_t line = 0;
  std::string message;
};

struct BulkCheck {
  std::int64_t lines = 0;     // non-blank lines in the input
  std::int64_t requests = 0;  // of them in this shard
  std::int64_t done = 0;      // already in the output (0 when it does not exist yet)
  std::string input_sha256;
  std::vector<BulkLineProblem> problems;  // empty: the input is good
  std::int64_t torn_line = 0;  // the output's torn last line (cut off by run()), if any
};

class BulkRunner {
 public:
  BulkRunner(Client client, BulkRunOptions options);

  // Reads the whole input (and the output, if any) without sending anything:
  // every line that cannot be run (not JSON, no contents, a duplicate key)
  // is listed by line number. An Error only when a file cannot be read or
  // the output does not belong to this input.
  Result<BulkCheck> check() const;

  // check(), then the run. An input with problems is refused before anything
  // is sent (the error lists the first of them). A torn last line left by a
  // crash is cut off the output first.
  Result<BulkSummary> run();

 private:
  Client client_;
  BulkRunOptions options_;
};

// Joins the outputs of a sharded run into `output` (written atomically):
// every line of every file must be a whole result line, and no key may
// appear twice. With `input_path`, every request of the input must have its
// result (the missing keys are named). Returns the number of results.
struct BulkMergeOptions {
  std::vector<std::string> inputs;  // the shards' outputs
  std::string output;
  std::string input_path;  // optional: the requests, to check that none is missing
  bool overwrite = false;
};
Result<std::int64_t> merge_bulk_results(const BulkMergeOptions& options);

// The shard (0-based, of `count`) a request key belongs to: FNV-1a 64 of the
// key's bytes modulo count, the same on every machine.
int bulk_shard_of(std::string_view key, int count);

}  // namespace genai

#endif  // GENAI_BULK_H_
