// genai batch: the Batch API from the terminal. submit reads JSONL (one
// {"key", "request"} per line, the shape `genai run` reads) and sends it as an
// inline batch (Developer API) or names a gs:// JSONL file (Vertex AI);
// status, list, cancel, delete; results writes one JSONL line per request
// (key + response or error) atomically. Waiting shows the job's counts with
// the progress display of genai video (cli/poll_progress.h).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/app.h"
#include "cli/number_flags.h"
#include "cli/poll_progress.h"
#include "cli/progress.h"
#include "genai/files.h"

namespace genai::cli {
namespace {

using nlohmann::json;

// Google's limit for the requests of an inline batch.
constexpr size_t kMaxInlineBatchBytes = 20u * 1024 * 1024;

struct BatchFlags {
  std::string input;         // submit: the JSONL file (or gs:// on Vertex AI)
  std::string name;          // the job
  std::string model;
  std::string display_name;
  std::string dest;          // Vertex AI: gs:// output prefix
  std::string output;        // results: -o FILE
  bool wait = false;
  bool force = false;
  bool json = false;
  int page_size = 0;
  double timeout_s = 0;
  double poll_s = 0;
};

long long count_of(const std::optional<int64_t>& v) { return v.value_or(0); }

long long finished_of(const BatchJob& j) {
  return count_of(j.stats.successful_request_count) + count_of(j.stats.failed_request_count);
}

std::string status_line(Lang lang, const BatchJob& j) {
  return tr(lang, M::kBatchStatusLine,
            {j.name, to_string(j.state), std::to_string(finished_of(j)), std::to_string(count_of(j.stats.request_count)),
             std::to_string(count_of(j.stats.failed_request_count)), j.display_name});
}

PollProgress<BatchJob> batch_progress(Lang lang) {
  return PollProgress<BatchJob>(
      [lang](const BatchJob& j, long long s) {
        if (j.done()) return std::string();
        return tr(lang, M::kBatchRunning,
                  {j.name, to_string(j.state), std::to_string(finished_of(j)),
                   std::to_string(count_of(j.stats.request_count)), std::to_string(count_of(j.stats.failed_request_count)),
                   std::to_string(s)});
      },
      [lang](const BatchJob* j, long long s) {
        const std::string state = j ? std::string(to_string(j->state)) : "…";
        return tr(lang, M::kBatchSpinner,
                  {state, std::to_string(j ? finished_of(*j) : 0), std::to_string(j ? count_of(j->stats.request_count) : 0),
                   std::to_string(j ? count_of(j->stats.failed_request_count) : 0), std::to_string(s)});
      });
}

// The requests of a JSONL file; every bad line is reported with its number
// before anything is sent.
std::optional<std::vector<InlinedRequest>> read_requests(Lang lang, const std::string& path, int* code) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "genai: error: " << tr(lang, M::kBatchCannotRead, {path}) << "\n";
    *code = kExitUsage;
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::vector<InlinedRequest> requests;
  std::vector<std::string> bad;
  std::map<std::string, size_t> keys;
  std::istringstream lines(text);
  std::string line;
  size_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto fail = [&](const std::string& why) {
      bad.push_back(tr(lang, M::kBatchBadLine, {path, std::to_string(number), why}));
    };
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      std::string why;
      try {
        (void)json::parse(line);
      } catch (const json::exception& e) {
        why = e.what();
      }
      fail(tr(lang, M::kBatchLineNotJson, {why}));
      continue;
    }
    if (!j.is_object()) {
      fail(tr(lang, M::kBatchLineNotObject));
      continue;
    }
    if (!j.contains("request") || !j["request"].is_object()) {
      fail(tr(lang, M::kBatchLineNoRequest));
      continue;
    }
    InlinedRequest r;
    if (j.contains("key")) {
      if (!j["key"].is_string()) {
        fail(tr(lang, M::kBatchLineBadKey));
        continue;
      }
      r.key = j["key"].get<std::string>();
    } else {
      r.key = std::to_string(number);  // unnamed lines are known by their line number
    }
    if (auto [it, fresh] = keys.emplace(r.key, number); !fresh) {
      fail(tr(lang, M::kBatchLineDuplicateKey, {r.key, std::to_string(it->second)}));
      continue;
    }
    r.request = std::move(j["request"]);
    requests.push_back(std::move(r));
  }
  if (!bad.empty()) {
    for (size_t i = 0; i < bad.size() && i < 20; ++i) std::cerr << "genai: error: " << bad[i] << "\n";
    std::cerr << "genai: error: " << tr(lang, M::kBatchBadLines, {path, std::to_string(bad.size())}) << "\n"
              << tr(lang, M::kBatchBadLinesFix) << "\n";
    *code = kExitUsage;
    return std::nullopt;
  }
  if (requests.empty()) {
    std::cerr << "genai: error: " << tr(lang, M::kBatchNoRequests, {path}) << "\n";
    *code = kExitUsage;
    return std::nullopt;
  }
  return requests;
}

// One result line as `genai batch results` writes it: {"key", "response"} or
// {"key", "error"} from a line of a Developer API responses file (the key at
// the top or in metadata), or Vertex AI's {"request", "response" | "status"}.
json result_line(const json& j, size_t* ok, size_t* failed) {
  json line = json::object();
  if (j.contains("key")) {
    line["key"] = j["key"];
  } else if (j.contains("metadata") && j["metadata"].is_object() && j["metadata"].contains("key")) {
    line["key"] = j["metadata"]["key"];
  }
  if (j.contains("request") && !line.contains("key")) line["request"] = j["request"];
  if (j.contains("response")) line["response"] = j["response"];
  if (j.contains("error")) {
    line["error"] = j["error"];
  } else if (j.value("status", std::string()) != "") {
    line["error"] = json{{"message", j["status"]}};
  }
  (line.contains("error") ? *failed : *ok)++;
  return line;
}

// The results a job left in a file (Developer API, files/...) or in Cloud
// Storage (Vertex AI: the .jsonl objects of its output directory), as lines.
Result<std::string> fetch_result_text(const Client& client, const BatchJob& job) {
  std::ostringstream text;
  if (job.dest && job.dest->file_name) {
    if (Result<void> got = client.files().download(*job.dest->file_name, text); !got) return got.error();
    return text.str();
  }
  std::string dir = job.dest && job.dest->gcs_uri ? *job.dest->gcs_uri : "";
  if (auto info = job.raw->find("outputInfo"); info != job.raw->end() && info->is_object()) {
    dir = info->value("gcsOutputDirectory", dir);
  }
  if (dir.rfind("gs://", 0) != 0) {
    Error none;
    none.status = "NOT_FOUND";
    none.message = "the job names neither a results file nor a Cloud Storage output";
    return none;
  }
  Storage gcs = client.storage();
  for (const Result<StorageObject>& o : gcs.list(dir.back() == '/' ? dir : dir + "/")) {
    if (!o) return o.error();
    if (o->name.size() < 6 || o->name.compare(o->name.size() - 6, 6, ".jsonl") != 0) continue;
    if (Result<StorageObject> got = gcs.download(o->uri(), text); !got) return got.error();
  }
  return text.str();
}

// Writes one line per request, {"key", "response"} or {"key", "error"}, atomically.
int write_results(Lang lang, const Client& client, const BatchJob& job, const BatchFlags& f) {
  if (job.state != JobState::kSucceeded && job.state != JobState::kPartiallySucceeded) {
    if (job.error) return report(*job.error);
    std::cerr << "genai: error: " << tr(lang, M::kBatchEnded, {job.name, std::string(to_string(job.state))}) << "\n";
    return kExitApi;
  }
  std::string out;
  size_t ok = 0, failed = 0;
  if (!job.dest || (job.dest->inlined_responses.empty() && job.dest->inlined_embed_content_responses.empty())) {
    Result<std::string> text = fetch_result_text(client, job);
    if (!text) {
      const std::string where = job.dest && job.dest->file_name ? *job.dest->file_name
                                : job.dest && job.dest->gcs_uri ? *job.dest->gcs_uri
                                                                : "?";
      std::cerr << "genai: error: " << tr(lang, M::kBatchResultsElsewhere, {job.name, where}) << "\n";
      return report(text.error());
    }
    std::istringstream lines(*text);
    for (std::string l; std::getline(lines, l);) {
      if (l.find_first_not_of(" \t\r") == std::string::npos) continue;
      json j = json::parse(l, nullptr, false);
      if (!j.is_object()) continue;  // not a result line: Google's files hold only results
      out += result_line(j, &ok, &failed).dump() + "\n";
    }
  }
  for (const InlinedResponse& r : job.dest->inlined_responses) {
    json line = {{"key", r.key()}};
    if (r.raw->contains("response")) line["response"] = r.raw->at("response");
    if (r.raw->contains("error")) line["error"] = r.raw->at("error");
    (r.error ? failed : ok)++;
    out += line.dump() + "\n";
  }
  for (const json& r : job.dest->inlined_embed_content_responses) {
    json line = {{"key", r.value("metadata", json::object()).value("key", "")}};
    if (r.contains("response")) line["response"] = r["response"];
    if (r.contains("error")) line["error"] = r["error"];
    (r.contains("error") ? failed : ok)++;
    out += line.dump() + "\n";
  }
  if (f.output.empty() || f.output == "-") {
    std::cout << out;
  } else {
    if (Result<void> saved = write_file_atomically(f.output, out, f.force, 0644); !saved) return report(saved.error());
    std::cerr << tr(lang, M::kBatchWroteResults,
                    {f.output, std::to_string(ok + failed), std::to_string(ok), std::to_string(failed)})
              << "\n";
  }
  return kExitOk;
}

// Waits for `name` with the progress display, then writes its results when -o was given.
int wait_for(Lang lang, const Client& client, const std::string& name, const BatchFlags& f, bool results) {
  PollProgress<BatchJob> progress = batch_progress(lang);
  Result<BatchJob> job = client.batches().wait(name, progress.options(f.timeout_s, f.poll_s));
  const long long waited = progress.finish();
  if (!job) {
    if (job.error().status == "DEADLINE_EXCEEDED" || job.error().kind == ErrorKind::kCancelled) {
      std::cerr << "genai: error: " << job.error().message << "\n" << tr(lang, M::kBatchResume, {name}) << "\n";
      return exit_code_for(job.error());
    }
    return report(job.error());
  }
  std::cerr << tr(lang, M::kBatchEndedAfter, {job->name, std::string(to_string(job->state)), std::to_string(waited)})
            << "\n";
  if (results || !f.output.empty()) return write_results(lang, client, *job, f);
  std::cout << status_line(lang, *job) << "\n";
  return job->state == JobState::kSucceeded ? kExitOk : (job->error ? exit_code_for(*job->error) : kExitApi);
}

int run_submit(const GlobalOptions& g, const BatchFlags& f) {
  const Lang lang = lang_of(g);
  int code = kExitOk;
  const bool remote = f.input.rfind("gs://", 0) == 0 || f.input.rfind("bq://", 0) == 0 || f.input.rfind("files/", 0) == 0;
  std::optional<std::vector<InlinedRequest>> requests;
  if (!remote) {
    requests = read_requests(lang, f.input, &code);
    if (!requests) return code;
  }
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  CreateBatchJobConfig cfg;
  if (!f.display_name.empty()) cfg.display_name = f.display_name;
  if (!f.dest.empty()) cfg.dest = BatchJobDestination::from(f.dest);
  const std::string model = text_model(f.model);
  std::error_code size_error;
  const std::uintmax_t size = remote ? 0 : std::filesystem::file_size(f.input, size_error);
  std::string source = f.input;
  if (!remote && !size_error && size > kMaxInlineBatchBytes) {
    // Too big to send inline: the Developer API takes the same JSONL as an
    // uploaded file; Vertex AI reads it from Cloud Storage.
    if (client->config().vertexai) {
      std::cerr << "genai: error: "
                << tr(lang, M::kBatchTooLarge, {f.input, std::to_string(size), std::to_string(kMaxInlineBatchBytes)})
                << "\n" << tr(lang, M::kBatchTooLargeFix) << "\n";
      return kExitUsage;
    }
    Result<UploadSource> bytes = UploadSource::from_path(f.input);
    if (!bytes) return report(bytes.error());
    ProgressDisplay display(lang);
    UploadFileConfig up;
    up.mime_type = "application/jsonl";
    up.display_name = std::filesystem::path(f.input).filename().string();
    up.on_progress = [&](std::uint64_t sent, std::uint64_t total) { display.bytes(up.display_name, sent, total); };
    Result<File> uploaded = client->files().upload(*bytes, up);
    display.clear();
    if (!uploaded) return report(uploaded.error());
    source = uploaded->name;
  }
  Result<BatchJob> job = source != f.input || remote ? client->batches().create(model, source, cfg)
                                                     : client->batches().create(model, *requests, cfg);
  if (!job) return report(job.error());
  std::cout << job->name << "\n";
  std::cerr << tr(lang, M::kBatchSubmitted, {job->name, std::to_string(count_of(job->stats.request_count))}) << "\n";
  if (!f.wait) return kExitOk;
  return wait_for(lang, *client, job->name, f, false);
}

int run_status(const GlobalOptions& g, const BatchFlags& f) {
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  Result<BatchJob> job = client->batches().get(f.name);
  if (!job) return report(job.error());
  if (f.json) {
    std::cout << job->raw->dump(2) << "\n";
  } else {
    std::cout << status_line(lang_of(g), *job) << "\n";
  }
  return kExitOk;
}

int run_list(const GlobalOptions& g, const BatchFlags& f) {
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  for (const Result<BatchJob>& job : client->batches().list({.page_size = f.page_size})) {
    if (!job) return report(job.error());
    std::cout << (f.json ? job->raw->dump() : status_line(lang_of(g), *job)) << "\n";
  }
  return kExitOk;
}

int run_cancel(const GlobalOptions& g, const BatchFlags& f) {
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  if (Result<void> r = client->batches().cancel(f.name); !r) return report(r.error());
  std::cerr << tr(lang_of(g), M::kBatchCancelRequested, {f.name}) << "\n";
  return kExitOk;
}

int run_delete(const GlobalOptions& g, const BatchFlags& f) {
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  if (Result<void> r = client->batches().delete_(f.name); !r) return report(r.error());
  std::cerr << tr(lang_of(g), M::kBatchDeleted, {f.name}) << "\n";
  return kExitOk;
}

int run_results(const GlobalOptions& g, const BatchFlags& f) {
  const Lang lang = lang_of(g);
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  if (f.wait) return wait_for(lang, *client, f.name, f, true);
  Result<BatchJob> job = client->batches().get(f.name);
  if (!job) return report(job.error());
  if (!job->done()) {
    std::cerr << "genai: error: " << tr(lang, M::kBatchNotDone, {job->name, std::string(to_string(job->state))}) << "\n"
              << tr(lang, M::kBatchNotDoneFix, {job->name}) << "\n";
    return kExitApi;
  }
  return write_results(lang, *client, *job, f);
}

void add_wait_options(CLI::App* cmd, BatchFlags& f) {
  cmd->add_option("--max-wait", f.timeout_s, "With --wait: stop waiting after SECONDS (the batch keeps running)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--poll-interval", f.poll_s, "With --wait: seconds between the first polls (default 5, growing to 30)")
      ->check(CLI::PositiveNumber);
}

}  // namespace

void add_batch_command(CLI::App& app, AppContext& ctx) {
  auto f = std::make_shared<BatchFlags>();
  CLI::App* batch = app.add_subcommand("batch", "Batch API: many requests run asynchronously at half the price");
  batch->require_subcommand(1);
  batch->footer(
      "Input: JSONL, one request per line: {\"key\": \"q1\", \"request\": {\"contents\": [{\"parts\": [{\"text\": "
      "\"Hi\"}]}], \"generationConfig\": {...}}}\n"
      "(the body of a generateContent call; the key comes back with its answer; the shape `genai run` reads).\n"
      "Examples:\n  name=$(genai batch submit requests.jsonl --model gemini-2.5-flash)\n"
      "  genai batch status \"$name\"\n  genai batch results \"$name\" -o answers.jsonl --wait\n"
      "  genai --vertex batch submit gs://bucket/requests.jsonl --model gemini-2.5-flash --dest gs://bucket/out\n"
      "Exit status: 0 on success; 2 for bad input lines (all reported with their line numbers, nothing sent);\n"
      "4 when the batch failed, was cancelled or expired; 5 when --max-wait passed; 130 on Ctrl-C.");
  auto bind = [&ctx, f](CLI::App* cmd, int (*run)(const GlobalOptions&, const BatchFlags&)) {
    cmd->callback([&ctx, f, run] { ctx.action = [&ctx, f, run] { return run(ctx.global, *f); }; });
  };

  CLI::App* submit = batch->add_subcommand("submit", "Submit a JSONL file of requests; prints the batch's name");
  submit->add_option("input", f->input,
                     "requests.jsonl (sent inline), or on Vertex AI gs://BUCKET/requests.jsonl")
      ->required();
  submit->add_option("-m,--model", f->model, "The model (default $GENAI_MODEL or gemini-2.5-flash)");
  submit->add_option("--display-name", f->display_name, "A name for people");
  submit->add_option("--dest", f->dest, "Vertex AI: gs:// prefix for the predictions (default: next to the input)");
  submit->add_flag("--wait", f->wait, "Wait until the batch ends, showing its progress");
  submit->add_option("-o,--output", f->output, "With --wait: write the results to this JSONL file");
  submit->add_flag("--force", f->force, "Overwrite the -o file if it exists");
  add_wait_options(submit, *f);
  bind(submit, run_submit);

  CLI::App* status = batch->add_subcommand("status", "Show a batch's state and counts");
  status->add_option("name", f->name, "batches/ID (or the ID); on Vertex AI the job's name or numeric ID")->required();
  status->add_flag("--json", f->json, "Print the job as the API returned it");
  bind(status, run_status);

  CLI::App* list = batch->add_subcommand("list", "List your batches, newest first (all pages)");
  list->add_option("--page-size", f->page_size, "Batches per request")->transform(whole_number_in(1, 1000));
  list->add_flag("--json", f->json, "Print one JSON object per batch");
  bind(list, run_list);

  CLI::App* cancel = batch->add_subcommand("cancel", "Stop a batch (what already ran is kept)");
  cancel->add_option("name", f->name, "The batch's name")->required();
  bind(cancel, run_cancel);

  CLI::App* del = batch->add_subcommand("delete", "Delete a batch and its results");
  del->add_option("name", f->name, "The batch's name")->required();
  bind(del, run_delete);

  CLI::App* results = batch->add_subcommand("results", "Write a finished batch's results: one JSONL line per request");
  results->add_option("name", f->name, "The batch's name")->required();
  results->add_option("-o,--output", f->output, "The JSONL file to write (atomically; default: stdout)");
  results->add_flag("--force", f->force, "Overwrite the -o file if it exists");
  results->add_flag("--wait", f->wait, "Wait for the batch to end first, showing its progress");
  add_wait_options(results, *f);
  bind(results, run_results);
}

}  // namespace genai::cli
