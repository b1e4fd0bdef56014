// genai generate: one prompt, one answer (streamed on a terminal).
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "cli/app.h"

namespace genai::cli {
namespace {

struct GenerateOptions {
  std::vector<std::string> prompt;
  std::string model;
  std::string system;
  double temperature = -1;
  double top_p = -1;
  int top_k = -1;
  int max_tokens = -1;
  std::vector<std::string> stop;
  bool json = false;
  bool stream = false;
  bool no_stream = false;
};

std::string default_model() {
  const char* m = std::getenv("GENAI_MODEL");
  return m && *m ? m : "gemini-2.5-flash";
}

GenerateContentConfig config_from(const GenerateOptions& o) {
  GenerateContentConfig c;
  if (!o.system.empty()) c.system_instruction = Content::from_text(o.system, "user");
  if (o.temperature >= 0) c.temperature = o.temperature;
  if (o.top_p >= 0) c.top_p = o.top_p;
  if (o.top_k >= 0) c.top_k = o.top_k;
  if (o.max_tokens >= 0) c.max_output_tokens = o.max_tokens;
  c.stop_sequences = o.stop;
  return c;
}

// Explains an answer that has no text (blocked prompt, safety stop, thinking
// budget exhausted) instead of printing nothing.
void explain_empty(const GenerateContentResponse& r) {
  if (r.prompt_feedback && r.prompt_feedback->block_reason) {
    std::cerr << "genai: the prompt was blocked (" << *r.prompt_feedback->block_reason << ")\n";
  } else if (!r.candidates.empty() && r.candidates[0].finish_reason && *r.candidates[0].finish_reason != "STOP") {
    std::cerr << "genai: the answer is empty; finish reason " << *r.candidates[0].finish_reason
              << (*r.candidates[0].finish_reason == "MAX_TOKENS" ? " (raise --max-tokens)" : "") << "\n";
  }
}

int run_generate(AppContext& ctx, const GenerateOptions& o) {
  std::optional<std::string> prompt = read_prompt(o.prompt, "prompt");
  if (!prompt) return kExitUsage;
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  const GenerateContentConfig config = config_from(o);
  const std::string model = o.model.empty() ? default_model() : o.model;
  const bool stream = o.stream || (!o.no_stream && !o.json && stdout_is_terminal());

  if (!stream) {
    Result<GenerateContentResponse> r = client->models().generate_content(model, *prompt, config);
    if (!r) return report(r.error());
    if (o.json) {
      std::cout << r->raw.dump(2) << "\n";
    } else {
      const std::string text = r->text();
      std::cout << text << (text.empty() || text.back() == '\n' ? "" : "\n");
      if (text.empty()) explain_empty(*r);
    }
    return kExitOk;
  }

  Stream<GenerateContentResponse> chunks = client->models().generate_content_stream(model, *prompt, config);
  // Ctrl-C cancels the stream from this watcher (a signal handler may not).
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!done.load()) {
      if (interrupted()) {
        chunks.cancel();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  int status = kExitOk;
  bool ends_with_newline = true;
  std::optional<GenerateContentResponse> last;
  for (Result<GenerateContentResponse>& chunk : chunks) {
    if (!chunk) {
      if (!ends_with_newline) std::cout << std::endl;
      status = interrupted() ? static_cast<int>(kExitInterrupted) : report(chunk.error());
      ends_with_newline = true;
      break;
    }
    if (o.json) {
      std::cout << chunk->raw.dump() << std::endl;
    } else {
      const std::string text = chunk->text();
      if (!text.empty()) {
        std::cout << text << std::flush;
        ends_with_newline = text.back() == '\n';
      }
    }
    last = std::move(*chunk);
  }
  done.store(true);
  watcher.join();
  if (!ends_with_newline) std::cout << "\n";
  if (status == kExitOk && interrupted()) status = kExitInterrupted;
  return status;
}

}  // namespace

void add_generate_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand("generate", "Generate text from a prompt");
  cmd->footer(
      "Examples:\n  genai generate \"Why is the sky blue?\"\n  cat notes.txt | genai generate --system \"Summarise\" "
      "--max-tokens 200\n  genai generate --json \"Hi\" | jq .usageMetadata");
  cmd->add_option("prompt", o->prompt, "The prompt (default: read stdin; \"-\" reads stdin too)");
  cmd->add_option("-m,--model", o->model, "Model (default $GENAI_MODEL or gemini-2.5-flash)");
  cmd->add_option("-s,--system", o->system, "System instruction");
  cmd->add_option("-t,--temperature", o->temperature, "Sampling temperature, 0 to 2")->check(CLI::Range(0.0, 2.0));
  cmd->add_option("--top-p", o->top_p, "Nucleus sampling probability, 0 to 1")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--top-k", o->top_k, "Top-k sampling")->check(CLI::PositiveNumber);
  cmd->add_option("--max-tokens", o->max_tokens, "Maximum output tokens")->check(CLI::PositiveNumber);
  cmd->add_option("--stop", o->stop, "Stop sequence (repeatable)");
  cmd->add_flag("--json", o->json, "Print the raw response JSON (one object per line when streaming)");
  cmd->add_flag("--stream", o->stream, "Stream the answer as it is generated (default on a terminal)");
  cmd->add_flag("--no-stream", o->no_stream, "Wait for the whole answer");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_generate(ctx, *o); }; });
}

}  // namespace genai::cli
