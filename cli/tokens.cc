// genai tokens: how many tokens a text is for a model.
#include <iostream>

#include "cli/app.h"

namespace genai::cli {

void add_tokens_command(CLI::App& app, AppContext& ctx) {
  struct Options {
    std::vector<std::string> text;
    std::string model;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("tokens", "Count the tokens of a text");
  cmd->footer("Examples:\n  genai tokens \"How many tokens is this?\"\n  genai tokens < README.md");
  cmd->add_option("text", o->text, "The text (default: read stdin)");
  cmd->add_option("-m,--model", o->model, "Model whose tokenizer to use (default $GENAI_MODEL or gemini-2.5-flash)");
  cmd->add_flag("--json", o->json, "Print the raw response JSON");
  cmd->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      std::optional<std::string> text = read_prompt(o->text, "text");
      if (!text) return kExitUsage;
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      Result<CountTokensResponse> r = client->models().count_tokens(text_model(o->model), *text);
      if (!r) return report(r.error());
      if (o->json) {
        std::cout << r->raw.dump(2) << "\n";
      } else {
        std::cout << r->total_tokens << "\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace genai::cli
