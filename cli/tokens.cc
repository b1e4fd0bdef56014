// genai tokens: how many tokens a text is for a model, and with --compute
// (Vertex AI) the tokens themselves.
#include <cstdio>
#include <iostream>

#include "cli/app.h"

namespace genai::cli {
namespace {

// Whether `bytes` is whole UTF-8 (a token may end in the middle of a character).
bool whole_utf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    const size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > bytes.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

// A token as a terminal can show it: quoted, control bytes (and every byte of
// a token that is not whole UTF-8) as \xNN.
std::string shown_token(std::string_view bytes) {
  const bool utf8 = whole_utf8(bytes);
  std::string out = "\"";
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b == '"' || b == '\\') {
      out += '\\';
      out += ch;
    } else if (b < 0x20 || b == 0x7f || (b >= 0x80 && !utf8)) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", b);
      out += hex;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

void add_tokens_command(CLI::App& app, AppContext& ctx) {
  struct Options {
    std::vector<std::string> text;
    std::string model;
    bool json = false;
    bool compute = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("tokens", "Count the tokens of a text");
  cmd->footer(
      "Examples:\n  genai tokens \"How many tokens is this?\"\n  genai tokens < README.md\n"
      "  genai --vertex tokens --compute \"Split me\"    # one line per token: id, then the token");
  cmd->add_option("text", o->text, "The text (default: read stdin)");
  cmd->add_option("-m,--model", o->model, "Model whose tokenizer to use (default $GENAI_MODEL or gemini-2.5-flash)");
  cmd->add_flag("--compute", o->compute,
                "List the tokens and their ids instead of counting them (Vertex AI only: computeTokens)");
  cmd->add_flag("--json", o->json, "Print the raw response JSON");
  cmd->callback([&ctx, o] {
    ctx.action = [&ctx, o]() -> int {
      std::optional<std::string> text = read_prompt(o->text, "text");
      if (!text) return kExitUsage;
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      if (o->compute) {
        Result<ComputeTokensResponse> r = client->models().compute_tokens(text_model(o->model), *text);
        if (!r) return report(r.error());
        if (o->json) {
          std::cout << r->raw->dump(2) << "\n";
          return kExitOk;
        }
        for (const TokensInfo& info : r->tokens_info) {
          for (size_t i = 0; i < info.tokens.size(); ++i) {
            const std::string id = i < info.token_ids.size() ? std::to_string(info.token_ids[i]) : "?";
            std::cout << id << "\t" << shown_token(info.tokens[i]) << "\n";
          }
        }
        return kExitOk;
      }
      Result<CountTokensResponse> r = client->models().count_tokens(text_model(o->model), *text);
      if (!r) return report(r.error());
      if (o->json) {
        std::cout << r->raw->dump(2) << "\n";
      } else {
        std::cout << r->total_tokens << "\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace genai::cli
