// genai run: many generateContent requests from a JSONL file, concurrently,
// under client-side rate limits, into a JSONL results file that is also the
// journal of the run (resumable after Ctrl-C, kill -9 or a power loss), and
// genai run --merge: the outputs of a sharded run joined. A thin layer over
// genai::BulkRunner (include/genai/bulk.h); docs/run.md.
#include <unistd.h>

#include <iostream>
#include <stop_token>

#include "cli/app.h"
#include "cli/number_flags.h"
#include "cli/progress.h"

namespace genai::cli {
namespace {

struct RunOptions {
  std::vector<std::string> files;  // the requests file; with --merge, the outputs to merge
  std::string output;
  int concurrency = 32;
  int rpm = 0;
  long long tpm = 0;
  std::string model;
  std::string shard;
  bool merge = false;
  std::string requests;  // --merge: the requests, to check that none is missing
  bool dry_run = false;
  bool retry_errors = false;
  bool force = false;
  double sync_interval_s = 1;
  std::string system;
  std::optional<double> temperature;
  std::optional<int> max_tokens;
};

// "2/3" -> shard index 1 of 3.
bool parse_shard(const std::string& text, int& index, int& count) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    size_t a = 0, b = 0;
    const int k = std::stoi(text.substr(0, slash), &a);
    const int n = std::stoi(text.substr(slash + 1), &b);
    if (a != slash || b != text.size() - slash - 1 || n < 1 || k < 1 || k > n) return false;
    index = k - 1;
    count = n;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string rate_text(double per_second) {
  char buf[32];
  std::snprintf(buf, sizeof buf, per_second < 10 ? "%.1f" : "%.0f", per_second);
  return buf;
}

std::string progress_text(Lang lang, const BulkProgress& p) {
  const std::int64_t done_now = p.succeeded + p.failed;
  const double seconds = std::max(0.001, p.elapsed.count() / 1000.0);
  const double rate = done_now / seconds;
  const std::chrono::seconds eta(rate > 0 ? static_cast<long long>(p.remaining() / rate) : -1);
  std::string text = tr(lang, M::kRunProgress,
                        {std::to_string(p.done_before + done_now), std::to_string(p.total), rate_text(rate),
                         format_duration(eta), std::to_string(p.failed), std::to_string(p.in_flight),
                         std::to_string(p.total_tokens)});
  if (p.paused.count() > 0) text += tr(lang, M::kRunPaused, {std::to_string((p.paused.count() + 999) / 1000)});
  return text;
}

int run_merge(const RunOptions& o, Lang lang) {
  BulkMergeOptions m;
  m.inputs = o.files;
  m.output = o.output;
  m.input_path = o.requests;
  m.overwrite = o.force;
  Result<std::int64_t> n = merge_bulk_results(m);
  if (!n) return report(n.error());
  std::cerr << tr(lang, M::kRunMerged, {std::to_string(*n), o.output}) << "\n";
  return kExitOk;
}

int run_bulk(AppContext& ctx, const RunOptions& o) {
  const Lang lang = lang_of(ctx.global);
  if (o.merge) return run_merge(o, lang);
  if (o.files.size() != 1) {
    std::cerr << "genai: error: " << tr(lang, M::kRunNoInput) << "\n";
    return kExitUsage;
  }
  BulkRunOptions b;
  b.input_path = o.files[0];
  b.output_path = o.output;
  b.model = text_model(o.model);
  b.concurrency = o.concurrency;
  b.requests_per_minute = o.rpm;
  b.tokens_per_minute = o.tpm;
  b.retry_errors = o.retry_errors;
  b.sync_interval = std::chrono::milliseconds(static_cast<long long>(o.sync_interval_s * 1000));
  if (!o.shard.empty() && !parse_shard(o.shard, b.shard_index, b.shard_count)) {
    std::cerr << "genai: error: " << tr(lang, M::kRunBadShard, {o.shard}) << "\n";
    return kExitUsage;
  }
  if (!o.system.empty()) b.config.system_instruction = Content::from_text(o.system, "user");
  b.config.temperature = o.temperature;
  b.config.max_output_tokens = o.max_tokens;

  int code = kExitOk;
  std::optional<ClientOptions> options = client_options(ctx.global, &code);
  if (!options) return code;
  // A line per retry would bury the progress line; the summary counts them
  // (--verbose traces every request).
  options->http_options.retry.on_retry = nullptr;
  Result<Client> created = Client::create(std::move(*options));
  if (!created) return report(created.error());
  std::optional<Client> client = std::move(*created);
  BulkRunner checker(*client, b);
  Result<BulkCheck> check = checker.check();
  if (!check) return report(check.error());
  if (!check->problems.empty()) {
    const size_t shown = o.dry_run ? check->problems.size() : std::min<size_t>(check->problems.size(), 20);
    for (size_t i = 0; i < shown; ++i) {
      std::cerr << tr(lang, M::kRunBadLine,
                      {b.input_path, std::to_string(check->problems[i].line), check->problems[i].message})
                << "\n";
    }
    std::cerr << tr(lang, M::kRunBadLines, {std::to_string(check->problems.size()), b.input_path}) << "\n";
    return kExitUsage;
  }
  const std::int64_t done = check->done;
  std::cerr << tr(lang, M::kRunChecked,
                  {std::to_string(check->lines), std::to_string(check->requests), std::to_string(done),
                   std::to_string(check->requests - done)})
            << "\n";
  if (o.dry_run) return kExitOk;
  if (check->torn_line) std::cerr << tr(lang, M::kRunTorn, {std::to_string(check->torn_line)}) << "\n";
  if (check->done > 0) {
    std::cerr << tr(lang, M::kRunResuming, {b.output_path, std::to_string(check->done), std::to_string(check->requests)})
              << "\n";
  }

  std::stop_source stop;
  std::stop_source abandon;
  b.stop = stop.get_token();
  b.abandon = abandon.get_token();
  ProgressLine line(std::chrono::seconds(10), isatty(STDERR_FILENO) == 1);
  b.progress_interval = std::chrono::milliseconds(line.terminal() ? 200 : 1000);
  bool told_stopping = false;
  b.on_progress = [&](const BulkProgress& p) {
    const int presses = interrupt_count();
    if (presses >= 1 && !told_stopping) {
      stop.request_stop();
      told_stopping = true;
      line.finish();
      std::cerr << tr(lang, M::kRunStopping, {std::to_string(p.in_flight)}) << "\n";
    }
    if (presses >= 2) abandon.request_stop();
    line.update(p.done_before + p.succeeded + p.failed, p.total, progress_text(lang, p));
  };
  BulkRunner runner(*client, b);
  Result<BulkSummary> s = runner.run();
  line.finish();
  if (!s) return report(s.error());
  std::cerr << tr(lang, M::kRunSummary,
                  {std::to_string(s->succeeded), std::to_string(s->failed), std::to_string(s->done_before),
                   std::to_string(s->total_tokens), std::to_string(s->prompt_tokens),
                   std::to_string(s->output_tokens), std::to_string(s->retries),
                   rate_text(s->elapsed.count() / 1000.0)})
            << "\n";
  for (const auto& [status, n] : s->failures_by_status) {
    std::cerr << tr(lang, M::kRunFailedStatus, {status, std::to_string(n)}) << "\n";
  }
  if (s->stopped) {
    std::cerr << tr(lang, M::kRunResumeHint, {std::to_string(s->remaining())}) << "\n";
    return kExitInterrupted;
  }
  if (s->failed > 0) {
    std::cerr << tr(lang, M::kRunFailedHint, {b.output_path}) << "\n";
    return kExitApi;
  }
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run many requests from a JSONL file, resumably, into a JSONL file");
  cmd->footer(
      "Each line of REQUESTS.jsonl is one generateContent request: a JSON string (a prompt), or\n"
      "{\"key\": \"k1\", \"request\": {\"contents\": [...], \"generationConfig\": {...}, ...}} (the Batch API's\n"
      "line, so one file serves both), or {\"key\": \"k1\", \"prompt\": \"...\"}. A line without a key gets its\n"
      "line number. Each result line is {\"key\": ..., \"response\": {...}} or {\"key\": ..., \"error\": {code,\n"
      "message, status}}, in the order the answers come.\n\n"
      "The results file is the journal: run the same command again after Ctrl-C, kill or a crash and\n"
      "it sends only the requests without a result (a torn last line is cut off; a different requests\n"
      "file is refused). Ctrl-C once stops starting requests and finishes those in flight; twice\n"
      "abandons them (they are sent again on resume). --rpm/--tpm keep just under your quota; a 429\n"
      "with a retry delay pauses the whole run for it. Exit status: 0 all succeeded, 4 some failed\n"
      "(see their error lines; --retry-errors sends them again), 2 bad input lines, 130 interrupted.\n\n"
      "Examples:\n"
      "  genai run requests.jsonl -o results.jsonl --concurrency 32 --rpm 1000\n"
      "  genai run requests.jsonl --dry-run\n"
      "  genai run requests.jsonl -o part2.jsonl --shard 2/3      # on each of 3 machines\n"
      "  genai run --merge part1.jsonl part2.jsonl part3.jsonl --requests requests.jsonl -o all.jsonl");
  cmd->add_option("files", o->files, "REQUESTS.jsonl (with --merge: the results files to merge)");
  cmd->add_option("-o,--output", o->output, "The results file (JSONL; appended to, and resumed from)");
  cmd->add_option("-c,--concurrency", o->concurrency, "Requests in flight at once (default 32)")
      ->transform(whole_number_in(1, 10000));
  cmd->add_option("--rpm", o->rpm, "Send at most this many requests per minute (default: no limit)")
      ->transform(whole_number_in(1, kIntMax));
  cmd->add_option("--tpm", o->tpm, "Send at most this many input tokens per minute (default: no limit)")
      ->transform(whole_number_in(1, 1'000'000'000'000LL));
  cmd->add_option("-m,--model", o->model, "Model (default $GENAI_MODEL or gemini-2.5-flash); a line's \"model\" wins");
  cmd->add_option("--shard", o->shard, "Run only shard K of N (K/N, e.g. 2/3): a split by key hash, the same everywhere");
  cmd->add_flag("--merge", o->merge, "Merge the results files given into -o, checking that no key repeats");
  cmd->add_option("--requests,--input", o->requests, "With --merge: the requests file, to check that no result is missing");
  cmd->add_flag("--dry-run", o->dry_run, "Check every line (and the output, when resuming) without sending anything");
  cmd->add_flag("--retry-errors", o->retry_errors, "Resume: send the requests whose result was an error again");
  cmd->add_flag("--force", o->force, "With --merge: overwrite -o if it exists");
  cmd->add_option("--sync-interval", o->sync_interval_s,
                  "Seconds between fdatasync()s of the results (default 1; 0: after every line)")
      ->check(number_in(0, 3600));
  cmd->add_option("-s,--system", o->system, "System instruction for every request (a line's own wins)");
  cmd->add_option("-t,--temperature", o->temperature, "Sampling temperature, 0 to 2 (a line's own wins)")
      ->check(number_in(0, 2));
  cmd->add_option("--max-tokens", o->max_tokens, "Maximum output tokens (a line's own wins)")
      ->transform(whole_number_in(1, kIntMax));
  cmd->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      if (o->output.empty() && !o->dry_run) {
        std::cerr << "genai: error: " << tr(lang_of(ctx.global), M::kRunNeedOutput) << "\n";
        return kExitUsage;
      }
      return run_bulk(ctx, *o);
    };
  });
}

}  // namespace genai::cli
