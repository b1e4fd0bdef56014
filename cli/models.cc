// genai models list | get NAME
#include <iostream>

#include "cli/app.h"
#include "cli/number_flags.h"

namespace genai::cli {

void add_models_command(CLI::App& app, AppContext& ctx) {
  struct Options {
    int page_size = 0;
    bool json = false;
    std::string name;
  };
  auto o = std::make_shared<Options>();
  CLI::App* models = app.add_subcommand("models", "List models or show one");
  models->require_subcommand(1);
  CLI::App* list = models->add_subcommand("list", "List the models available to your credential (all pages)");
  list->add_option("--page-size", o->page_size, "Models per request")->transform(whole_number_in(1, 1000));
  list->add_flag("--json", o->json, "Print one JSON object per model");
  list->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      ListModelsConfig config;
      config.page_size = o->page_size;
      Pager<Model> pager = client->models().list(config);
      for (Result<Model>& m : pager) {
        if (!m) return report(m.error());
        if (o->json) {
          std::cout << m->raw.dump() << "\n";
        } else {
          std::cout << m->name;
          if (m->display_name) std::cout << "  (" << *m->display_name << ")";
          std::cout << "\n";
        }
      }
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
        std::cout << m->raw.dump(2) << "\n";
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
