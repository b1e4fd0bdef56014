// genai generate: one prompt, one answer (streamed on a terminal).
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/app.h"
#include "cli/media.h"
#include "cli/number_flags.h"
#include "cli/safety.h"
#include "genai/schema.h"

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
  std::string schema_file;
  int thinking_budget = -2;  // -2: not given (-1 is the API's "dynamic")
  bool show_thoughts = false;
  std::vector<std::string> images;  // --image FILE
  std::vector<std::string> files;   // --file FILE
  std::string output_dir = ".";
  std::string modalities;           // --modalities TEXT,IMAGE
  std::string cached_content;
  std::vector<std::string> safety;  // --safety CATEGORY=THRESHOLD
  std::string extra_body;           // --extra-body JSON, or @FILE
};

// --extra-body: a JSON object (or @FILE holding one) merged into the request
// as sent, for a field this CLI has no flag for.
std::optional<Json> extra_body_from(const std::string& arg) {
  std::string text = arg;
  if (!arg.empty() && arg[0] == '@') {
    std::ifstream in(arg.substr(1), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in) {
      std::cerr << "genai: error: cannot read --extra-body file " << arg.substr(1) << "\n";
      return std::nullopt;
    }
    text = ss.str();
  }
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    std::cerr << "genai: error: --extra-body must be a JSON object, e.g. '{\"generationConfig\": {\"seed\": 7}}'\n";
    return std::nullopt;
  }
  return j;
}

GenerateContentConfig config_from(const GenerateOptions& o) {
  GenerateContentConfig c;
  if (!o.system.empty()) c.system_instruction = Content::from_text(o.system, "user");
  if (o.temperature >= 0) c.temperature = o.temperature;
  if (o.top_p >= 0) c.top_p = o.top_p;
  if (o.top_k >= 0) c.top_k = o.top_k;
  if (o.max_tokens >= 0) c.max_output_tokens = o.max_tokens;
  c.stop_sequences = o.stop;
  for (size_t at = 0; at < o.modalities.size();) {
    size_t comma = o.modalities.find(',', at);
    if (comma == std::string::npos) comma = o.modalities.size();
    std::string m = o.modalities.substr(at, comma - at);
    for (char& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!m.empty()) c.response_modalities.push_back(m);
    at = comma + 1;
  }
  if (!o.cached_content.empty()) c.cached_content = o.cached_content;
  if (o.thinking_budget != -2 || o.show_thoughts) {
    c.thinking_config = ThinkingConfig{};
    if (o.thinking_budget != -2) c.thinking_config->thinking_budget = o.thinking_budget;
    if (o.show_thoughts) c.thinking_config->include_thoughts = true;
  }
  return c;
}

// Reads a schema file. Upper-case types ("OBJECT") are Google's OpenAPI
// subset (responseSchema); anything else is JSON Schema (responseJsonSchema).
std::optional<Json> load_schema(const std::string& path, GenerateContentConfig& c) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  Json schema = Json::parse(ss.str(), nullptr, false);
  if (!in || schema.is_discarded() || !schema.is_object()) {
    std::cerr << "genai: error: " << path << " is not a JSON schema object\n";
    return std::nullopt;
  }
  c.response_mime_type = "application/json";
  const std::string type = schema.value("type", Json()).is_string() ? schema["type"].get<std::string>() : "";
  const bool openapi = !type.empty() && type == [&] {
    std::string up = type;
    for (char& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return up;
  }();
  if (openapi) {
    c.response_schema = schema;
  } else {
    c.response_json_schema = schema;
  }
  return schema;
}

// Thoughts go to stderr so stdout stays the answer: dimmed on a terminal,
// each line prefixed "thought: " otherwise (greppable in logs).
void print_thoughts(const std::string& thoughts, bool at_line_start) {
  if (thoughts.empty()) return;
  if (isatty(STDERR_FILENO) == 1) {
    std::cerr << "\033[2m" << thoughts << "\033[0m" << std::flush;
    return;
  }
  static bool line_start = true;
  if (at_line_start) line_start = true;
  for (char ch : thoughts) {
    if (line_start) std::cerr << "thought: ";
    std::cerr << ch;
    line_start = ch == '\n';
  }
  std::cerr << std::flush;
}

// Explains an answer that has no text and was not blocked (thinking budget
// exhausted, a malformed function call) instead of printing nothing.
void explain_empty(const GenerateContentResponse& r) {
  if (!r.candidates.empty() && r.candidates[0].finish_reason && *r.candidates[0].finish_reason != "STOP") {
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
  GenerateContentConfig config = config_from(o);
  std::optional<std::vector<SafetySetting>> safety = safety_settings_from(o.safety);
  if (!safety) return kExitUsage;
  config.safety_settings = std::move(*safety);
  std::optional<Json> schema;
  if (!o.schema_file.empty() && !(schema = load_schema(o.schema_file, config))) return kExitUsage;
  if (!o.extra_body.empty()) {
    std::optional<Json> extra = extra_body_from(o.extra_body);
    if (!extra) return kExitUsage;
    config.http_options.extra_body = std::move(*extra);
  }
  const std::string model = text_model(o.model);
  // Gemini image models answer with text and images when asked to.
  if (config.response_modalities.empty() && model.find("-image") != std::string::npos) {
    config.response_modalities = {"TEXT", "IMAGE"};
  }
  std::optional<std::vector<Part>> parts = parts_from_files(o.images, o.files, &code);
  if (!parts) return code;
  parts->push_back(Part::from_text(*prompt));
  const std::vector<Content> contents = {Content{"user", std::move(*parts)}};
  // A schema answer is validated whole, so it is never streamed.
  const bool stream = !schema && (o.stream || (!o.no_stream && !o.json && stdout_is_terminal()));

  if (!stream) {
    Result<GenerateContentResponse> r = client->models().generate_content(model, contents, config);
    if (!r) return report(r.error());
    // A withheld answer is explained, never printed as an empty one; --json
    // still prints Google's response (promptFeedback / finishReason / ratings).
    if (std::optional<Block> block = r->blocked()) {
      if (o.json) std::cout << r->raw.dump(2) << "\n";
      return report_block(*block);
    }
    if (o.show_thoughts) {
      print_thoughts(r->thoughts(), true);
      if (!r->thoughts().empty()) std::cerr << "\n";
    }
    if (schema && !o.json) {
      Result<Json> parsed = parse_json_response(*r, *schema);
      if (!parsed) {
        std::cerr << "genai: error: " << parsed.error().message << "\n  answer: " << r->text() << "\n";
        return kExitApi;
      }
      std::cout << parsed->dump(2) << "\n";
      return kExitOk;
    }
    if (o.json) {
      std::cout << r->raw.dump(2) << "\n";
      return kExitOk;
    }
    const std::string text = r->text();
    const std::vector<Image> images = r->images();
    if (!text.empty() || images.empty()) std::cout << text << (text.empty() || text.back() == '\n' ? "" : "\n");
    if (text.empty() && images.empty()) explain_empty(*r);
    return images.empty() ? kExitOk : save_answer_images(images, o.output_dir);
  }

  Stream<GenerateContentResponse> chunks = client->models().generate_content_stream(model, contents, config);
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
  std::optional<Block> block;  // a prompt block arrives first, a candidate's last
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
      if (o.show_thoughts) print_thoughts(chunk->thoughts(), !last);
      const std::string text = chunk->text();
      if (!text.empty() && o.show_thoughts && last && !last->thoughts().empty()) std::cerr << "\n";
      if (!text.empty()) {
        std::cout << text << std::flush;
        ends_with_newline = text.back() == '\n';
      }
      const std::vector<Image> images = chunk->images();
      if (!images.empty()) {
        if (!ends_with_newline) std::cout << std::endl;
        ends_with_newline = true;
        if (int c = save_answer_images(images, o.output_dir); c != kExitOk) status = c;
      }
    }
    if (!block) block = chunk->blocked();
    last = std::move(*chunk);
  }
  done.store(true);
  watcher.join();
  if (!ends_with_newline) std::cout << "\n";
  if (block && status == kExitOk) status = report_block(*block);
  if (status == kExitOk && interrupted()) status = kExitInterrupted;
  return status;
}

}  // namespace

void add_generate_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand("generate", "Generate text from a prompt");
  cmd->footer(
      "Examples:\n  genai generate \"Why is the sky blue?\"\n  cat notes.txt | genai generate --system \"Summarise\" "
      "--max-tokens 200\n  genai generate --json \"Hi\" | jq .usageMetadata\n"
      "  genai generate --image photo.jpg \"What is in this picture?\"\n"
      "  genai generate --file report.pdf \"Summarise this\"\n"
      "  genai generate -m gemini-2.5-flash-image --output-dir out \"A watercolour fox\"   # writes out/image-1.png");
  cmd->add_option("prompt", o->prompt, "The prompt (default: read stdin; \"-\" reads stdin too)");
  cmd->add_option("-m,--model", o->model, "Model (default $GENAI_MODEL or gemini-2.5-flash)");
  cmd->add_option("-s,--system", o->system, "System instruction");
  cmd->add_option("-t,--temperature", o->temperature, "Sampling temperature, 0 to 2")->check(number_in(0, 2));
  cmd->add_option("--top-p", o->top_p, "Nucleus sampling probability, 0 to 1")->check(number_in(0, 1));
  cmd->add_option("--top-k", o->top_k, "Top-k sampling")->transform(whole_number_in(1, kIntMax));
  cmd->add_option("--max-tokens", o->max_tokens, "Maximum output tokens")->transform(whole_number_in(1, kIntMax));
  cmd->add_option("--stop", o->stop, "Stop sequence (repeatable: one per flag)")->allow_extra_args(false);
  cmd->add_flag("--json", o->json, "Print the raw response JSON (one object per line when streaming)");
  cmd->add_flag("--stream", o->stream, "Stream the answer as it is generated (default on a terminal)");
  cmd->add_flag("--no-stream", o->no_stream, "Wait for the whole answer");
  cmd->add_option("--schema", o->schema_file,
                  "Answer in JSON that fits this schema file (JSON Schema, or Google's OpenAPI subset with "
                  "\"type\": \"OBJECT\"); prints the validated JSON")
      ->check(CLI::ExistingFile);
  cmd->add_option("--thinking-budget", o->thinking_budget, "Thinking tokens: 0 off, -1 dynamic (2.5 models)")
      ->transform(whole_number_in(-1, 32768));
  // allow_extra_args(false): one file per flag, so the prompt after it stays the prompt.
  cmd->add_option("--image", o->images, "An image to send with the prompt (repeatable; type from its content)")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  cmd->add_option("--file", o->files,
                  "Any other file to send inline: PDF, audio, video, text (repeatable; up to 20 MB; type from its "
                  "content)")
      ->allow_extra_args(false)
      ->check(CLI::ExistingFile);
  cmd->add_option("--output-dir", o->output_dir,
                  "Where images in the answer are written, as image-N.png (never overwriting; default: .)");
  cmd->add_option("--modalities", o->modalities,
                  "Response modalities, e.g. TEXT,IMAGE (default for models named *-image*: TEXT,IMAGE)");
  cmd->add_flag("--show-thoughts", o->show_thoughts,
                "Print the model's thought summary to stderr (dimmed on a terminal, else \"thought: \" lines)");
  cmd->add_option("--cached-content", o->cached_content,
                  "Answer with this context cache in front of the prompt (a name from `genai caches list`, or its "
                  "id); the cache holds the system instruction, so --system cannot be used with it")
      ->excludes("--system");
  add_safety_option(cmd, o->safety);
  cmd->add_option("--extra-body", o->extra_body,
                  "JSON object (or @FILE) merged into the request as sent, for a field with no flag yet, e.g. "
                  "'{\"generationConfig\": {\"enableEnhancedCivicAnswers\": true}}'");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_generate(ctx, *o); }; });
}

}  // namespace genai::cli
