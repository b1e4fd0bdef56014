// genai tunings create | get | list | cancel: supervised tuning jobs on Vertex AI.
#include <iostream>
#include <map>

#include "cli/app.h"
#include "cli/number_flags.h"
#include "cli/table.h"

namespace genai::cli {
namespace {

struct TuningOptions {
  std::string model;
  std::string training;
  std::string validation;
  std::string display_name;
  std::string description;
  int epochs = 0;
  double learning_rate_multiplier = 0;
  int adapter_size = 0;
  std::string name;
  std::string filter;
  int page_size = 0;
  bool json = false;
};

// Tuning exists only on Vertex AI, so these commands use it without being
// told: `genai tunings list` with a project and ADC just works, and what is
// missing is said in Vertex AI's terms, not as a missing Gemini API key. An
// API key alone (express mode) has no project to tune in.
std::optional<Client> make_tuning_client(const GlobalOptions& g, int* code);

int tuning_usage_error(const std::string& message, const std::string& fix) {
  std::cerr << "genai: error: " << message << "\n  fix: " << fix << "\n";
  return kExitUsage;
}

std::optional<Client> make_tuning_client(const GlobalOptions& g, int* code) {
  GlobalOptions vertex = g;
  vertex.vertex = true;
  std::optional<Client> client = make_client(vertex, code);
  if (client && client->config().express_mode) {
    *code = tuning_usage_error("tuning needs a Vertex AI project; an API key alone (Vertex AI express mode) cannot tune",
                               "Use OAuth credentials and a project: --project P --location L with --credentials FILE "
                               "or Application Default Credentials.");
    return std::nullopt;
  }
  return client;
}

void print_job(const TuningJob& j, bool json) {
  if (json) {
    std::cout << j.raw->dump(2) << "\n";
    return;
  }
  std::cout << "name:          " << j.name << "\n";
  std::cout << "state:         " << j.state << "\n";
  if (j.base_model) std::cout << "base model:    " << *j.base_model << "\n";
  if (j.tuned_model_display_name && !j.tuned_model_display_name->empty()) {
    std::cout << "display name:  " << *j.tuned_model_display_name << "\n";
  }
  if (j.create_time) std::cout << "created:       " << *j.create_time << "\n";
  if (j.end_time) std::cout << "ended:         " << *j.end_time << "\n";
  if (j.tuned_model) {
    std::cout << "tuned model:   " << j.tuned_model->model << "\n";
    std::cout << "endpoint:      " << j.tuned_model->endpoint << "\n";
  }
  if (j.error_message) std::cout << "error:         " << *j.error_message << "\n";
}

std::optional<std::string> adapter_size_name(int n) {
  static const std::map<int, std::string> kNames = {{1, "ONE"},   {2, "TWO"},      {4, "FOUR"},
                                                    {8, "EIGHT"}, {16, "SIXTEEN"}, {32, "THIRTY_TWO"}};
  auto it = kNames.find(n);
  if (it == kNames.end()) return std::nullopt;
  return "ADAPTER_SIZE_" + it->second;
}

int run_create(const GlobalOptions& g, const TuningOptions& o) {
  CreateTuningJobConfig cfg;
  if (!o.validation.empty()) cfg.validation_dataset = TuningDataset{.gcs_uri = o.validation};
  if (!o.display_name.empty()) cfg.tuned_model_display_name = o.display_name;
  if (!o.description.empty()) cfg.description = o.description;
  if (o.epochs > 0) cfg.epoch_count = o.epochs;
  if (o.learning_rate_multiplier > 0) cfg.learning_rate_multiplier = o.learning_rate_multiplier;
  if (o.adapter_size > 0) {
    cfg.adapter_size = adapter_size_name(o.adapter_size);
    if (!cfg.adapter_size) return tuning_usage_error("--adapter-size must be 1, 2, 4, 8, 16 or 32", "Pick one of those.");
  }
  int code = kExitOk;
  std::optional<Client> client = make_tuning_client(g, &code);
  if (!client) return code;
  Result<TuningJob> job = client->tunings().tune(o.model, {.gcs_uri = o.training}, cfg);
  if (!job) return report(job.error());
  if (o.json) {
    print_job(*job, true);
  } else {
    std::cout << job->name << "\n";  // only the name, so $(genai tunings create ...) works
  }
  return kExitOk;
}

int run_list(const GlobalOptions& g, const TuningOptions& o) {
  int code = kExitOk;
  std::optional<Client> client = make_tuning_client(g, &code);
  if (!client) return code;
  std::vector<std::vector<std::string>> rows;
  for (Result<TuningJob>& j : client->tunings().list({.page_size = o.page_size, .filter = o.filter})) {
    if (!j) return report(j.error());
    if (o.json) {
      std::cout << j->raw->dump() << "\n";
      continue;
    }
    rows.push_back({j->name, j->state, j->base_model.value_or(""), j->tuned_model_display_name.value_or(""),
                    j->create_time.value_or("")});
  }
  if (o.json) return kExitOk;
  if (rows.empty()) {
    std::cout << "No tuning jobs.\n";
    return kExitOk;
  }
  std::cout << render_table({"NAME", "STATE", "BASE MODEL", "DISPLAY NAME", "CREATED"}, rows, terminal_width());
  return kExitOk;
}

}  // namespace

void add_tunings_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<TuningOptions>();
  CLI::App* tunings = app.add_subcommand("tunings", "Supervised tuning jobs (Vertex AI)");
  tunings->require_subcommand(1);
  tunings->footer(
      "Tuning runs on Vertex AI, so these commands use it (--vertex is implied; give a project and a location).\n"
      "The training set is a JSONL file in Cloud Storage, one {\"contents\": [...]} conversation per line.\n\n"
      "Examples:\n  job=$(genai --vertex tunings create --model gemini-2.5-flash --training gs://b/train.jsonl --epochs 3)\n"
      "  genai --vertex tunings get \"$job\"        # state; once JOB_STATE_SUCCEEDED, the endpoint\n"
      "  genai --vertex generate --model ENDPOINT \"Hello\"\n"
      "  genai --vertex models list --tuned\n  genai --vertex tunings cancel \"$job\"");
  auto bind = [&ctx, o](CLI::App* cmd, int (*run)(const GlobalOptions&, const TuningOptions&)) {
    cmd->callback([&ctx, o, run] { ctx.action = [&ctx, o, run] { return run(ctx.global, *o); }; });
  };

  CLI::App* create = tunings->add_subcommand("create", "Start a tuning job; prints its name");
  create->add_option("-m,--model", o->model, "The base model, e.g. gemini-2.5-flash")->required();
  create->add_option("--training", o->training, "The training set: gs://BUCKET/OBJECT.jsonl")->required();
  create->add_option("--validation", o->validation, "A validation set: gs://BUCKET/OBJECT.jsonl");
  create->add_option("--display-name", o->display_name, "A name for the tuned model");
  create->add_option("--description", o->description, "A description of the tuned model");
  create->add_option("--epochs", o->epochs, "Passes over the training set")->transform(whole_number_in(1, 100));
  create->add_option("--learning-rate-multiplier", o->learning_rate_multiplier, "Scales the default learning rate")
      ->check(CLI::PositiveNumber);
  create->add_option("--adapter-size", o->adapter_size, "LoRA adapter size: 1, 2, 4, 8, 16 or 32");
  create->add_flag("--json", o->json, "Print the whole job as JSON");
  bind(create, run_create);

  CLI::App* list = tunings->add_subcommand("list", "List your tuning jobs (all pages)");
  list->add_option("--page-size", o->page_size, "Jobs per request")->transform(whole_number_in(1, 1000));
  list->add_option("--filter", o->filter, "e.g. state=JOB_STATE_SUCCEEDED or labels.team=ml");
  list->add_flag("--json", o->json, "Print one JSON object per job");
  bind(list, run_list);

  CLI::App* get = tunings->add_subcommand("get", "Show one job: its state and, once done, its model and endpoint");
  get->add_option("name", o->name, "projects/P/locations/L/tuningJobs/ID (or the ID)")->required();
  get->add_flag("--json", o->json, "Print the raw JSON");
  bind(get, [](const GlobalOptions& g, const TuningOptions& opt) -> int {
    int code = kExitOk;
    std::optional<Client> client = make_tuning_client(g, &code);
    if (!client) return code;
    Result<TuningJob> j = client->tunings().get(opt.name);
    if (!j) return report(j.error());
    print_job(*j, opt.json);
    return kExitOk;
  });

  CLI::App* cancel = tunings->add_subcommand("cancel", "Stop a pending or running job");
  cancel->add_option("name", o->name, "projects/P/locations/L/tuningJobs/ID (or the ID)")->required();
  bind(cancel, [](const GlobalOptions& g, const TuningOptions& opt) -> int {
    int code = kExitOk;
    std::optional<Client> client = make_tuning_client(g, &code);
    if (!client) return code;
    Result<void> r = client->tunings().cancel(opt.name);
    if (!r) return report(r.error());
    std::cout << "Cancelled " << opt.name << "\n";
    return kExitOk;
  });
}

}  // namespace genai::cli
