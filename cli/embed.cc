// genai embed: embedding vectors for one or more texts.
#include <iomanip>
#include <iostream>

#include "cli/app.h"
#include "cli/number_flags.h"

namespace genai::cli {

void add_embed_command(CLI::App& app, AppContext& ctx) {
  struct Options {
    std::vector<std::string> texts;
    std::string model = "gemini-embedding-001";
    int dimensions = 0;
    std::string task_type;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("embed", "Compute embeddings, one per text argument");
  cmd->footer("Examples:\n  genai embed \"first text\" \"second text\"\n  genai embed --dimensions 256 --json \"hello\"");
  cmd->add_option("texts", o->texts, "Texts to embed (each argument is one text)")->required();
  cmd->add_option("-m,--model", o->model, "Embedding model");
  cmd->add_option("--dimensions", o->dimensions, "Output dimensionality")->transform(whole_number_in(1, kIntMax));
  cmd->add_option("--task-type", o->task_type,
                  "RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, SEMANTIC_SIMILARITY, CLASSIFICATION, CLUSTERING, ...");
  cmd->add_flag("--json", o->json, "Print the raw response JSON");
  cmd->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      EmbedContentConfig config;
      if (o->dimensions > 0) config.output_dimensionality = o->dimensions;
      if (!o->task_type.empty()) config.task_type = o->task_type;
      Result<EmbedContentResponse> r = client->models().embed_content(o->model, o->texts, config);
      if (!r) return report(r.error());
      if (o->json) {
        std::cout << r->raw->dump(2) << "\n";
        return kExitOk;
      }
      for (size_t i = 0; i < r->embeddings.size(); ++i) {
        const std::vector<float>& v = r->embeddings[i].values;
        std::cout << i << ": " << v.size() << " dimensions [";
        for (size_t k = 0; k < std::min<size_t>(4, v.size()); ++k) {
          std::cout << (k ? ", " : "") << std::fixed << std::setprecision(6) << v[k];
        }
        std::cout << (v.size() > 4 ? ", ...]" : "]") << "\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace genai::cli
