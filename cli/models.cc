// genai models list [--tuned] | get NAME | update NAME | delete NAME
#include <iostream>

#include "cli/app.h"
#include "cli/number_flags.h"

namespace genai::cli {

void add_models_command(CLI::App& app, AppContext& ctx) {
  struct Options {
    int page_size = 0;
    bool json = false;
    bool tuned = false;
    std::string name;
    std::optional<std::string> display_name;
    std::optional<std::string> description;
    std::optional<std::string> checkpoint;
  };
  auto o = std::make_shared<Options>();
  CLI::App* models = app.add_subcommand("models", "List models, show one, or change or delete a tuned model");
  models->require_subcommand(1);
  CLI::App* list = models->add_subcommand("list", "List the models available to your credential (all pages)");
  list->add_option("--page-size", o->page_size, "Models per request")->transform(whole_number_in(1, 1000));
  list->add_flag("--json", o->json, "Print one JSON object per model");
  list->add_flag("--tuned", o->tuned, "List your tuned models instead of Google's base models");
  list->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      ListModelsConfig config;
      config.page_size = o->page_size;
      config.query_base = !o->tuned;
      Pager<Model> pager = client->models().list(config);
      for (Result<Model>& m : pager) {
        if (!m) return report(m.error());
        if (o->json) {
          std::cout << m->raw->dump() << "\n";
        } else {
          std::cout << m->name;
          if (m->display_name) std::cout << "  (" << *m->display_name << ")";
          std::cout << "\n";
        }
      }
      return kExitOk;
    };
  });
  CLI::App* update = models->add_subcommand("update", "Rename or describe one of your tuned models");
  update->add_option("name", o->name, "The tuned model, e.g. projects/P/locations/L/models/ID")->required();
  update->add_option("--display-name", o->display_name, "New display name");
  update->add_option("--description", o->description, "New description");
  update->add_option("--default-checkpoint", o->checkpoint, "Vertex AI: the checkpoint the model serves");
  update->add_flag("--json", o->json, "Print the raw JSON");
  update->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      if (!o->display_name && !o->description && !o->checkpoint) {
        std::cerr << "genai: error: nothing to update\n  fix: Give --display-name, --description or --default-checkpoint.\n";
        return kExitUsage;
      }
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      Result<Model> m = client->models().update(
          o->name, {.display_name = o->display_name, .description = o->description, .default_checkpoint_id = o->checkpoint});
      if (!m) return report(m.error());
      if (o->json) {
        std::cout << m->raw->dump(2) << "\n";
      } else {
        std::cout << m->name << "  (" << m->display_name.value_or("") << ")\n";
      }
      return kExitOk;
    };
  });
  CLI::App* del = models->add_subcommand("delete", "Delete one of your tuned models");
  del->add_option("name", o->name, "The tuned model, e.g. projects/P/locations/L/models/ID")->required();
  del->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      Result<void> r = client->models().delete_(o->name);
      if (!r) return report(r.error());
      std::cout << "Deleted " << o->name << "\n";
      return kExitOk;
    };
  });
  CLI::App* get = models->add_subcommand("get", "Show one model");
  get->add_option("name", o->name, "Model name, e.g. gemini-2.5-flash")->required();
  get->add_flag("--json", o->json, "Print the raw JSON");
  get->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      Result<Model> m = client->models().get(o->name);
      if (!m) return report(m.error());
      if (o->json) {
        std::cout << m->raw->dump(2) << "\n";
        return kExitOk;
      }
      std::cout << "name:          " << m->name << "\n";
      if (m->display_name) std::cout << "display name:  " << *m->display_name << "\n";
      if (m->description) std::cout << "description:   " << *m->description << "\n";
      if (m->input_token_limit) std::cout << "input tokens:  " << *m->input_token_limit << "\n";
      if (m->output_token_limit) std::cout << "output tokens: " << *m->output_token_limit << "\n";
      std::cout << "methods:      ";
      for (const std::string& a : m->supported_actions) std::cout << " " << a;
      std::cout << "\n";
      return kExitOk;
    };
  });
}

}  // namespace genai::cli
