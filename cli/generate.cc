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
  std::vector<std::string> uploaded;  // --uploaded files/ID (the Files API)
  std::string output_dir = ".";
  std::string modalities;           // --modalities TEXT,IMAGE
  std::string cached_content;
  std::vector<std::string> safety;  // --safety CATEGORY=THRESHOLD
  std::string thinking_level;       // --thinking-level low
  std::optional<int> seed;
  std::string aspect_ratio;         // image output
  std::string image_size;
  std::string voice;                // speech output: one voice ...
  std::vector<std::string> speakers;  // ... or SPEAKER=VOICE per speaker
  std::string language;
  std::string audio_out;
  int logprobs = -1;                // -1: not asked; 0: chosen tokens only
  bool url_context = false;
  bool google_maps = false;
  std::string media_resolution;
  std::string service_tier;
  std::string extra_body;           // --extra-body JSON, or @FILE
  std::vector<std::string> file_search_stores;  // --file-search-store fileSearchStores/ID (repeatable)
  std::string file_search_filter;  // --file-search-filter 'author = "Ada"'
};

std::string upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// The new config fields and tools of the flags (speech, images, logprobs,
// URL context, Maps grounding).
void add_feature_flags_config(const GenerateOptions& o, GenerateContentConfig& c) {
  c.seed = o.seed;
  if (!o.thinking_level.empty()) {
    if (!c.thinking_config) c.thinking_config = ThinkingConfig{};
    c.thinking_config->thinking_level = upper(o.thinking_level);
  }
  if (!o.aspect_ratio.empty() || !o.image_size.empty()) {
    c.image_config = ImageConfig{};
    if (!o.aspect_ratio.empty()) c.image_config->aspect_ratio = o.aspect_ratio;
    if (!o.image_size.empty()) c.image_config->image_size = upper(o.image_size);
  }
  if (!o.voice.empty() || !o.speakers.empty() || !o.language.empty()) {
    c.speech_config = SpeechConfig{};
    if (!o.voice.empty()) c.speech_config->voice_config = VoiceConfig::prebuilt(o.voice);
    if (!o.speakers.empty()) {
      c.speech_config->multi_speaker_voice_config = MultiSpeakerVoiceConfig{};
      for (const std::string& s : o.speakers) {
        const size_t eq = s.find('=');
        c.speech_config->multi_speaker_voice_config->speaker_voice_configs.push_back(
            SpeakerVoiceConfig{s.substr(0, eq), VoiceConfig::prebuilt(s.substr(eq + 1))});
      }
    }
    if (!o.language.empty()) c.speech_config->language_code = o.language;
    if (c.response_modalities.empty()) c.response_modalities = {"AUDIO"};
  }
  if (o.logprobs >= 0) {
    c.response_logprobs = true;
    if (o.logprobs > 0) c.logprobs = o.logprobs;
  }
  if (!o.media_resolution.empty()) c.media_resolution = "MEDIA_RESOLUTION_" + upper(o.media_resolution);
  if (!o.service_tier.empty()) c.service_tier = o.service_tier;
  if (o.url_context) c.tools.push_back(Tool{.url_context = UrlContext{}});
  if (o.google_maps) c.tools.push_back(Tool{.google_maps = GoogleMaps{}});
  if (!o.file_search_stores.empty()) {
    FileSearch fs;
    for (const std::string& n : o.file_search_stores) {
      fs.file_search_store_names.push_back(n.rfind("fileSearchStores/", 0) == 0 ? n : "fileSearchStores/" + n);
    }
    if (!o.file_search_filter.empty()) fs.metadata_filter = o.file_search_filter;
    c.tools.push_back(Tool{.file_search = std::move(fs)});
  }
}

// What the flags asked to see beside the answer, on stderr so stdout stays
// the answer: each token's log probability, the URLs read, the places.
void print_answer_details(const GenerateContentResponse& r, const GenerateOptions& o) {
  if (r.candidates.empty()) return;
  const Candidate& c = r.candidates[0];
  if (o.logprobs >= 0 && c.logprobs_result) {
    const LogprobsResult& lp = *c.logprobs_result;
    for (size_t i = 0; i < lp.chosen_candidates.size(); ++i) {
      const LogprobsCandidate& t = lp.chosen_candidates[i];
      std::cerr << "logprob: " << t.log_probability.value_or(0) << "\t" << Json(t.token.value_or("")).dump();
      if (i < lp.top_candidates.size()) {
        for (size_t k = 1; k < lp.top_candidates[i].candidates.size(); ++k) {
          const LogprobsCandidate& alt = lp.top_candidates[i].candidates[k];
          std::cerr << "\t" << Json(alt.token.value_or("")).dump() << " " << alt.log_probability.value_or(0);
        }
      }
      std::cerr << "\n";
    }
  }
  if (c.url_context_metadata) {
    for (const UrlMetadata& u : c.url_context_metadata->url_metadata) {
      std::cerr << "url: " << u.url_retrieval_status.value_or("?") << " " << u.retrieved_url.value_or("") << "\n";
    }
  }
  for (const GroundingChunkMaps& p : c.maps_places()) {
    std::cerr << "place: " << p.title.value_or("") << " <" << p.uri.value_or("") << ">\n";
  }
  if (!o.file_search_stores.empty()) {
    for (const GroundingChunkRetrievedContext& ctx : c.retrieved_contexts()) {
      std::cerr << "source: [" << ctx.chunk_index + 1 << "] " << ctx.title.value_or("") << " <" << ctx.uri.value_or("")
                << ">\n";
    }
  }
}

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
  add_feature_flags_config(o, c);
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
  // Gemini image models answer with text and images when asked to; TTS models with speech.
  if (config.response_modalities.empty() && model.find("-image") != std::string::npos) {
    config.response_modalities = {"TEXT", "IMAGE"};
  }
  if (config.response_modalities.empty() && model.find("-tts") != std::string::npos) {
    config.response_modalities = {"AUDIO"};
  }
  std::optional<std::vector<Part>> parts = parts_from_files(o.images, o.files, &code);
  if (!parts) return code;
  for (const std::string& name : o.uploaded) {
    // Its uri and MIME type, as the SDKs' createPartFromUri(file.uri, file.mimeType).
    Result<File> f = client->files().get(name);
    if (!f) return report(f.error());
    parts->push_back(Part::from_uploaded_file(*f));
  }
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
      if (o.json) std::cout << r->raw->dump(2) << "\n";
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
      std::cout << r->raw->dump(2) << "\n";
      return kExitOk;
    }
    const std::string text = r->text();
    const std::vector<Image> images = r->images();
    const std::optional<PcmAudio> audio = r->audio();
    if (!text.empty() || (images.empty() && !audio)) {
      std::cout << text << (text.empty() || text.back() == '\n' ? "" : "\n");
    }
    if (text.empty() && images.empty() && !audio) explain_empty(*r);
    print_answer_details(*r, o);
    if (audio) {
      if (int c = save_answer_audio(*audio, o.audio_out, o.output_dir); c != kExitOk) return c;
    }
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
  std::optional<PcmAudio> audio;  // speech comes in pieces, saved whole at the end
  for (Result<GenerateContentResponse>& chunk : chunks) {
    if (!chunk) {
      if (!ends_with_newline) std::cout << std::endl;
      status = interrupted() ? static_cast<int>(kExitInterrupted) : report(chunk.error());
      ends_with_newline = true;
      break;
    }
    if (o.json) {
      std::cout << chunk->raw->dump() << std::endl;
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
      if (std::optional<PcmAudio> piece = chunk->audio()) {
        if (!audio) audio = PcmAudio{"", piece->sample_rate, piece->channels};
        audio->samples += piece->samples;
      }
    }
    if (!block) block = chunk->blocked();
    last = std::move(*chunk);
  }
  done.store(true);
  watcher.join();
  if (!ends_with_newline) std::cout << "\n";
  if (last && !o.json) print_answer_details(*last, o);
  if (audio && status == kExitOk) status = save_answer_audio(*audio, o.audio_out, o.output_dir);
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
      "  genai generate -m gemini-2.5-flash-image --output-dir out \"A watercolour fox\"   # writes out/image-1.png\n"
      "  genai generate -m gemini-2.5-flash-preview-tts --voice Kore --audio-out hi.wav \"Say warmly: hello\"\n"
      "  genai generate --url-context \"Summarise https://example.com/post\"\n"
      "  genai generate --logprobs 3 \"Positive or negative: great film\"   # token log probabilities on stderr");
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
                  "content); a gs://BUCKET/OBJECT is sent as a fileData part (Vertex AI reads it)")
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](std::string& v) { return v.rfind("gs://", 0) == 0 ? std::string() : CLI::ExistingFile(v); },
          "FILE or gs://URI"));
  cmd->add_option("--uploaded", o->uploaded,
                  "A file uploaded with `genai files upload` (files/ID) to send with the prompt (repeatable)")
      ->allow_extra_args(false);
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
  cmd->add_option("--thinking-level", o->thinking_level, "Thinking level of Gemini 3 models: minimal, low, medium, high")
      ->check(CLI::IsMember({"minimal", "low", "medium", "high"}, CLI::ignore_case))
      ->excludes("--thinking-budget");
  cmd->add_option("--seed", o->seed, "Sampling seed: the same seed and prompt give the same answer more often")
      ->transform(whole_number_in(INT_MIN, kIntMax));
  cmd->add_option("--aspect-ratio", o->aspect_ratio, "Aspect ratio of generated images, e.g. 16:9 (image models)");
  cmd->add_option("--image-size", o->image_size, "Size of generated images: 1K, 2K, 4K (image models)")
      ->check(CLI::IsMember({"1K", "2K", "4K"}, CLI::ignore_case));
  cmd->add_option("--voice", o->voice, "Speak the answer in this prebuilt voice, e.g. Kore, Puck (TTS models)");
  cmd->add_option("--speaker", o->speakers,
                  "SPEAKER=VOICE: a voice per speaker named in the prompt (repeatable; TTS models)")
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](std::string& v) {
            const size_t eq = v.find('=');
            return eq == std::string::npos || eq == 0 || eq + 1 == v.size() ? std::string("expected SPEAKER=VOICE")
                                                                              : std::string();
          },
          "SPEAKER=VOICE"))
      ->excludes("--voice");
  cmd->add_option("--language", o->language, "Language of the speech, BCP-47 (e.g. en-US)");
  cmd->add_option("--audio-out", o->audio_out,
                  "Write the spoken answer to this WAV file (default: speech-N.wav in --output-dir, never "
                  "overwriting)");
  cmd->add_option("--logprobs", o->logprobs,
                  "Print each answer token's log probability to stderr, with N likeliest alternatives (0-20)")
      ->transform(whole_number_in(0, 20));
  cmd->add_flag("--url-context", o->url_context, "Let the model read the URLs in the prompt (URL context tool)");
  cmd->add_flag("--google-maps", o->google_maps, "Ground the answer in Google Maps places");
  cmd->add_option("--file-search-store", o->file_search_stores,
                  "Ground the answer in this File Search store (fileSearchStores/ID; repeatable; see `genai stores`); "
                  "the documents cited are listed on stderr")
      ->allow_extra_args(false);
  cmd->add_option("--file-search-filter", o->file_search_filter,
                  "With --file-search-store: only documents whose metadata pass this filter, e.g. 'author = \"Ada\"'");
  cmd->add_option("--media-resolution", o->media_resolution, "Resolution of input media: low, medium, high")
      ->check(CLI::IsMember({"low", "medium", "high"}, CLI::ignore_case));
  cmd->add_option("--service-tier", o->service_tier, "Service tier: flex, standard, priority")
      ->check(CLI::IsMember({"flex", "standard", "priority"}));
  add_safety_option(cmd, o->safety);
  cmd->add_option("--extra-body", o->extra_body,
                  "JSON object (or @FILE) merged into the request as sent, for a field with no flag yet, e.g. "
                  "'{\"generationConfig\": {\"enableEnhancedCivicAnswers\": true}}'");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_generate(ctx, *o); }; });
}

}  // namespace genai::cli
