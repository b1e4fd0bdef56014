// genai::BulkRunner: the input checked whole, then its requests sent through
// models().generate_content_async on the client's event loop, at most
// `concurrency` at once, paced by token buckets, each result appended to the
// output (the journal) by this thread as it comes back.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "client/api_client.h"
#include "client/bulk_input.h"
#include "client/rate_limiter.h"
#include "core/errors.h"
#include "core/json_parse.h"
#include "genai/bulk.h"

namespace genai {

using nlohmann::json;
using internal::BulkLine;
using Clock = std::chrono::steady_clock;

int bulk_shard_of(std::string_view key, int count) {
  if (count <= 1) return 0;
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<int>(h % static_cast<std::uint64_t>(count));
}

namespace {

// What the event loop hands back to the runner's thread.
struct BulkDone {
  std::string key;
  Result<GenerateContentResponse> result;
};

// Shared between the runner's thread and the callbacks on the event loop;
// outlives the run when calls are abandoned.
struct BulkShared {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<BulkDone> done;
  std::int64_t in_flight = 0;
  std::int64_t retries = 0;
  std::int64_t retries_to_count = 0;  // not yet taken from the requests bucket
  bool drain = false;                 // a 429: spend nothing saved up
  Clock::time_point pause_until{};
  bool abandoned = false;
};

// Merges `extra` over `into` as the wire does for extra_body: objects member
// by member, anything else replaces.
void bulk_merge(json& into, const json& extra) {
  if (!into.is_object() || !extra.is_object()) {
    into = extra;
    return;
  }
  for (const auto& [k, v] : extra.items()) bulk_merge(into[k], v);
}

json bulk_error_json(const Error& e) {
  json err = {{"code", e.http_status}, {"message", e.message}, {"status", e.status}};
  // Google's own error body, as received (details: RetryInfo, ErrorInfo...).
  if (!e.raw_body.empty()) {
    json body = internal::parse_json(e.raw_body);
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].contains("details")) {
      err["details"] = body["error"]["details"];
    }
  }
  return err;
}

Error bulk_problem_error(const BulkCheck& check, const std::string& path) {
  const BulkLineProblem& first = check.problems.front();
  std::string message = path + ":" + std::to_string(first.line) + ": " + first.message;
  if (check.problems.size() > 1) {
    message += " (and " + std::to_string(check.problems.size() - 1) + " more bad line(s))";
  }
  return internal::invalid_argument(std::move(message),
                                    "Fix the listed lines (genai run --dry-run lists them all); nothing was sent.");
}

}  // namespace

BulkRunner::BulkRunner(Client client, BulkRunOptions options)
    : client_(std::move(client)), options_(std::move(options)) {}

Result<BulkCheck> BulkRunner::check() const {
  const BulkRunOptions& o = options_;
  if (o.shard_count < 1 || o.shard_index < 0 || o.shard_index >= o.shard_count) {
    return internal::invalid_argument("shard " + std::to_string(o.shard_index) + " of " +
                                      std::to_string(o.shard_count) + " does not exist");
  }
  if (o.input_path.empty()) return internal::invalid_argument("no requests file was given");
  Result<internal::BulkLineReader> reader = internal::BulkLineReader::open(o.input_path);
  if (!reader) return std::move(reader).error();
  BulkCheck check;
  std::unordered_map<std::string, std::int64_t> first_line;
  std::unordered_set<std::string> shard_keys;
  std::string line;
  std::int64_t number = 0;
  std::optional<Error> read_error;
  while (reader->next(line, number, &read_error)) {
    ++check.lines;
    Result<BulkLine> parsed = internal::parse_bulk_line(line, number);
    if (!parsed) {
      check.problems.push_back({number, parsed.error().message});
      continue;
    }
    auto [it, fresh] = first_line.emplace(parsed->key, number);
    if (!fresh) {
      check.problems.push_back(
          {number, "the key \"" + parsed->key + "\" is already used on line " + std::to_string(it->second)});
      continue;
    }
    if (bulk_shard_of(parsed->key, o.shard_count) == o.shard_index) {
      ++check.requests;
      shard_keys.insert(parsed->key);
    }
  }
  if (read_error) return *read_error;
  check.input_sha256 = reader->sha256_hex();
  if (o.output_path.empty()) return check;

  Result<internal::ResultsScan> scan = internal::scan_results(o.output_path);
  if (!scan) return std::move(scan).error();
  Result<std::optional<internal::RunRecord>> record = internal::read_run_record(o.output_path);
  if (!record) return std::move(record).error();
  if (scan->size > 0) {
    if (!*record) {
      return internal::local_error(
          "FAILED_PRECONDITION",
          o.output_path + " already exists and is not the output of a genai run (no " +
              internal::run_record_path(o.output_path) + " next to it)",
          "Write the results to a new file (-o), or remove this one to start over.");
    }
    const internal::RunRecord& r = **record;
    if (r.input_sha256 != check.input_sha256) {
      return internal::local_error(
          "FAILED_PRECONDITION",
          o.output_path + " holds the results of another requests file (SHA-256 " + r.input_sha256.substr(0, 12) +
              "…, this one is " + check.input_sha256.substr(0, 12) + "…)",
          "Resume with the same requests file it was started with, or write to a new file (-o).");
    }
    if (r.shard_index != o.shard_index || r.shard_count != o.shard_count) {
      return internal::local_error(
          "FAILED_PRECONDITION",
          o.output_path + " holds shard " + std::to_string(r.shard_index + 1) + "/" + std::to_string(r.shard_count) +
              ", not " + std::to_string(o.shard_index + 1) + "/" + std::to_string(o.shard_count),
          "Resume each shard with its own --shard and output file.");
    }
    if (r.model != o.model) {
      return internal::local_error("FAILED_PRECONDITION",
                                   o.output_path + " was started with the model " + r.model + ", not " + o.model,
                                   "Resume with --model " + r.model + ", or write to a new file (-o).");
    }
  }
  for (const std::string& key : scan->keys) {
    if (!shard_keys.count(key)) {
      return internal::local_error("FAILED_PRECONDITION",
                                   o.output_path + " has a result for the key \"" + key +
                                       "\", which is not a request of this input and shard",
                                   "Write the results to a new file (-o).");
    }
  }
  check.done = static_cast<std::int64_t>(scan->keys.size());
  check.torn_line = scan->torn_line;
  if (o.retry_errors) check.done -= scan->errors;
  return check;
}

Result<BulkSummary> BulkRunner::run() {
  const BulkRunOptions& o = options_;
  if (o.output_path.empty()) return internal::invalid_argument("no results file was given");
  if (o.concurrency < 1) return internal::invalid_argument("concurrency must be at least 1");
  Result<BulkCheck> check = this->check();
  if (!check) return std::move(check).error();
  if (!check->problems.empty()) return bulk_problem_error(*check, o.input_path);

  if (o.retry_errors) {
    if (Result<void> d = internal::drop_error_results(o.output_path); !d) return std::move(d).error();
  }
  Result<internal::ResultsScan> scan = internal::scan_results(o.output_path);
  if (!scan) return std::move(scan).error();
  // The record first: an output that exists always says which input it is for.
  if (Result<void> w = internal::write_run_record(
          o.output_path, {check->input_sha256, o.model, o.shard_index, o.shard_count});
      !w) {
    return std::move(w).error();
  }
  Result<internal::ResultsWriter> writer = internal::ResultsWriter::open(o.output_path, scan->whole_bytes);
  if (!writer) return std::move(writer).error();
  Result<internal::BulkLineReader> reader = internal::BulkLineReader::open(o.input_path);
  if (!reader) return std::move(reader).error();

  const Clock::time_point start = Clock::now();
  BulkSummary s;
  s.total = check->requests;
  s.done_before = static_cast<std::int64_t>(scan->keys.size());
  internal::TokenBucket rpm(o.requests_per_minute, start);
  internal::TokenBucket tpm(static_cast<double>(o.tokens_per_minute), start);
  auto shared = std::make_shared<BulkShared>();

  // Every request retried by the one pipeline under the client's (or the
  // config's) policy; the hook only tells the runner, which counts the
  // retry against the quota and, after a 429 with RetryInfo, holds back
  // every new request for the delay the server asked for.
  GenerateContentConfig base = o.config;
  RetryOptions retry = base.http_options.retry ? *base.http_options.retry : client_.api_->http_options().retry;
  retry.on_retry = [shared, user_hook = retry.on_retry](const Error& e, int next_attempt,
                                                        std::chrono::milliseconds delay) {
    {
      std::lock_guard<std::mutex> lock(shared->mu);
      ++shared->retries;
      ++shared->retries_to_count;
      if (e.http_status == 429) {
        shared->drain = true;
        if (e.retry_delay) shared->pause_until = std::max(shared->pause_until, Clock::now() + *e.retry_delay);
      }
    }
    shared->cv.notify_one();
    if (user_hook) user_hook(e, next_attempt, delay);
  };
  base.http_options.retry = retry;
  const Models models = client_.models();

  std::unordered_map<std::string, double> estimates;  // tokens taken per request in flight (with a TPM limit)
  std::optional<BulkLine> pending;
  bool input_done = false;
  std::optional<Error> failure;  // the results file could not be written: stop
  const auto next_request = [&]() -> std::optional<BulkLine> {
    std::string text;
    std::int64_t number = 0;
    std::optional<Error> read_error;
    while (reader->next(text, number, &read_error)) {
      Result<BulkLine> line = internal::parse_bulk_line(text, number);
      if (!line) continue;  // check() found none
      if (bulk_shard_of(line->key, o.shard_count) != o.shard_index || scan->keys.count(line->key)) continue;
      return std::move(*line);
    }
    if (read_error) failure = *read_error;
    input_done = true;
    return std::nullopt;
  };
  const auto send = [&](BulkLine line) {
    GenerateContentConfig config = base;
    if (!line.overlay.empty()) {
      if (config.http_options.extra_body.is_null()) config.http_options.extra_body = json::object();
      bulk_merge(config.http_options.extra_body, line.overlay);
    }
    std::string key = std::move(line.key);
    if (!tpm.unlimited()) estimates[key] = line.estimated_tokens;
    models.generate_content_async(line.model.value_or(o.model), line.contents, config,
                                  [shared, key](Result<GenerateContentResponse> r) mutable {
                                    {
                                      std::lock_guard<std::mutex> lock(shared->mu);
                                      --shared->in_flight;
                                      if (shared->abandoned) return;
                                      shared->done.push_back({std::move(key), std::move(r)});
                                    }
                                    shared->cv.notify_one();
                                  });
  };
  const auto write_result = [&](BulkDone& d) {
    json line = {{"key", d.key}};
    if (d.result) {
      const UsageMetadata* u = d.result->usage_metadata ? &*d.result->usage_metadata : nullptr;
      const std::int64_t prompt = u ? u->prompt_token_count.value_or(0) : 0;
      s.prompt_tokens += prompt;
      s.output_tokens += u ? u->candidates_token_count.value_or(0) + u->thoughts_token_count.value_or(0) : 0;
      s.total_tokens += u ? u->total_token_count.value_or(0) : 0;
      // The usage of the line at its top level too, so a script can sum
      // tokens without knowing the response's shape.
      if (auto um = d.result->raw->find("usageMetadata"); um != d.result->raw->end()) line["usage"] = *um;
      line["response"] = *d.result->raw;
      ++s.succeeded;
    } else {
      line["error"] = bulk_error_json(d.result.error());
      ++s.failed;
      ++s.failures_by_status[d.result.error().status.empty() ? "UNKNOWN" : d.result.error().status];
    }
    if (!failure) {
      // Bytes that are not UTF-8 (a server's, or a key's) are written as
      // U+FFFD rather than thrown over: a result line is always written.
      std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace);
      text += '\n';
      if (Result<void> w = writer->append(text); !w) failure = std::move(w).error();
    }
  };

  Clock::time_point last_sync = start;
  Clock::time_point next_progress = start;
  const auto report = [&](Clock::time_point now, std::int64_t in_flight, Clock::time_point pause) {
    s.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - start);
    s.in_flight = in_flight;
    s.paused = pause > now ? std::chrono::duration_cast<std::chrono::milliseconds>(pause - now)
                           : std::chrono::milliseconds{0};
    if (o.on_progress) o.on_progress(s);
  };

  for (;;) {
    Clock::time_point now = Clock::now();
    std::deque<BulkDone> done;
    std::int64_t in_flight = 0;
    Clock::time_point pause;
    {
      std::lock_guard<std::mutex> lock(shared->mu);
      done.swap(shared->done);
      in_flight = shared->in_flight;
      s.retries = shared->retries;
      for (; shared->retries_to_count > 0; --shared->retries_to_count) rpm.take(1, now);
      if (shared->drain) {
        rpm.drain(now);
        tpm.drain(now);
        shared->drain = false;
      }
      pause = shared->pause_until;
    }
    for (BulkDone& d : done) {
      if (auto e = estimates.find(d.key); e != estimates.end()) {
        // The estimate taken at sending, corrected now that the count is known.
        if (d.result && d.result->usage_metadata && d.result->usage_metadata->prompt_token_count) {
          tpm.take(static_cast<double>(*d.result->usage_metadata->prompt_token_count) - e->second, now);
        }
        estimates.erase(e);
      }
      write_result(d);
    }
    if (o.abandon.stop_requested()) {
      std::lock_guard<std::mutex> lock(shared->mu);
      shared->abandoned = true;
      s.abandoned = shared->in_flight;
      s.stopped = true;
      in_flight = 0;
      break;
    }
    const bool stopping = o.stop.stop_requested() || failure.has_value();
    if (!pending && !stopping && !input_done) pending = next_request();
    if ((stopping || !pending) && in_flight == 0) {
      s.stopped = stopping && (pending || !input_done);
      break;
    }
    Clock::time_point wake = now + o.progress_interval;
    if (pending && !stopping && in_flight < o.concurrency) {
      const Clock::time_point ready =
          std::max({pause, rpm.ready_at(1, now), tpm.ready_at(pending->estimated_tokens, now)});
      if (ready <= now) {
        rpm.take(1, now);
        tpm.take(pending->estimated_tokens, now);
        {
          std::lock_guard<std::mutex> lock(shared->mu);
          ++shared->in_flight;
        }
        BulkLine line = std::move(*pending);
        pending.reset();
        send(std::move(line));  // may answer at once (an error found before sending)
        continue;
      }
      wake = std::min(wake, ready);
    }
    if (writer->unsynced()) {
      if (now - last_sync >= o.sync_interval) {
        if (Result<void> f = writer->sync(); !f && !failure) failure = std::move(f).error();
        last_sync = now;
      } else {
        wake = std::min(wake, last_sync + o.sync_interval);
      }
    }
    if (now >= next_progress) {
      report(now, in_flight, pause);
      next_progress = now + o.progress_interval;
    }
    wake = std::min(wake, next_progress);
    std::unique_lock<std::mutex> lock(shared->mu);
    shared->cv.wait_until(lock, wake, [&] { return !shared->done.empty() || shared->drain; });
  }
  if (Result<void> f = writer->sync(); !f && !failure) failure = std::move(f).error();
  report(Clock::now(), s.abandoned, Clock::now());
  if (failure) return *failure;
  return s;
}

}  // namespace genai
