#include "emulator/backend/responder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string_view>

#include "emulator/backend/computer_use.h"
#include "emulator/backend/generator.h"
#include "emulator/backend/media.h"
#include "emulator/backend/safety.h"
#include "emulator/backend/speech_logprobs.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 16> kValueWords = {
    "silver", "river", "garden", "morning", "signal", "forest", "ocean", "window",
    "mountain", "record", "thread", "meadow", "harbor", "lantern", "copper", "valley"};

// The schema's type, lower-cased, whether OpenAPI ("STRING") or JSON Schema
// ("string", or ["string", "null"]: the first non-null one).
std::string type_of(const ojson& s) {
  auto it = s.find("type");
  if (it == s.end()) {
    if (s.contains("properties")) return "object";
    if (s.contains("items")) return "array";
    if (s.contains("enum")) return "string";
    return "";
  }
  if (it->is_string()) return ascii_lower(it->get<std::string>());
  if (it->is_array()) {
    for (const ojson& t : *it) {
      if (t.is_string() && ascii_lower(t.get<std::string>()) != "null") return ascii_lower(t.get<std::string>());
    }
    return "null";
  }
  return "";
}

const ojson* resolve_ref(const ojson& root, const ojson& s) {
  auto it = s.find("$ref");
  if (it == s.end() || !it->is_string()) return &s;
  // Only local "#/$defs/Name" and "#/definitions/Name" references.
  const std::string ref = it->get<std::string>();
  for (const char* prefix : {"#/$defs/", "#/definitions/"}) {
    const std::string p(prefix);
    if (ref.rfind(p, 0) == 0) {
      const std::string section = p.substr(2, p.size() - 3);
      auto sec = root.find(section);
      if (sec != root.end() && sec->contains(ref.substr(p.size()))) return &(*sec)[ref.substr(p.size())];
    }
  }
  return &s;
}

ojson value_for(const ojson& root, const ojson& schema_in, Xorshift64Star& rng, int depth) {
  const ojson& s = *resolve_ref(root, schema_in);
  if (depth > 8) return nullptr;  // a recursive schema still ends
  if (auto it = s.find("const"); it != s.end()) return *it;
  if (auto it = s.find("enum"); it != s.end() && it->is_array() && !it->empty()) return (*it)[rng.next() % it->size()];
  for (const char* key : {"anyOf", "oneOf"}) {
    if (auto it = s.find(key); it != s.end() && it->is_array() && !it->empty()) {
      for (const ojson& alt : *it) {  // prefer a non-null alternative
        if (type_of(*resolve_ref(root, alt)) != "null") return value_for(root, alt, rng, depth + 1);
      }
      return value_for(root, (*it)[0], rng, depth + 1);
    }
  }
  const std::string type = type_of(s);
  if (type == "object") {
    ojson out = ojson::object();
    const ojson props = s.value("properties", ojson::object());
    std::vector<std::string> order;
    for (const ojson& name : s.value("propertyOrdering", ojson::array())) {
      if (name.is_string() && props.contains(name.get<std::string>())) order.push_back(name.get<std::string>());
    }
    for (auto it = props.begin(); it != props.end(); ++it) {
      if (std::find(order.begin(), order.end(), it.key()) == order.end()) order.push_back(it.key());
    }
    for (const std::string& name : order) out[name] = value_for(root, props[name], rng, depth + 1);
    return out;
  }
  if (type == "array") {
    const int64_t lo = s.value("minItems", int64_t{1});
    const int64_t hi = std::max(lo, s.value("maxItems", int64_t{3}));
    int64_t n = std::clamp<int64_t>(1 + static_cast<int64_t>(rng.next() % 3), lo, hi);
    ojson out = ojson::array();
    const ojson items = s.value("items", ojson::object());
    for (int64_t i = 0; i < n; ++i) out.push_back(value_for(root, items, rng, depth + 1));
    return out;
  }
  if (type == "integer" || type == "number") {
    double lo = s.value("minimum", 0.0);
    double hi = s.value("maximum", lo + 100.0);
    if (hi < lo) hi = lo;
    const double span = hi - lo;
    if (type == "integer") {
      const int64_t ilo = static_cast<int64_t>(std::ceil(lo));
      const int64_t ihi = std::max(ilo, static_cast<int64_t>(std::floor(hi)));
      return ilo + static_cast<int64_t>(rng.next() % static_cast<std::uint64_t>(ihi - ilo + 1));
    }
    return lo + std::round(span * static_cast<double>(rng.next() % 1000) / 1000.0 * 100.0) / 100.0;
  }
  if (type == "boolean") return rng.next() % 2 == 0;
  if (type == "null") return nullptr;
  // Strings, and anything without a type.
  const std::string format = s.value("format", "");
  if (format == "date") return "2025-06-17";
  if (format == "date-time") return "2025-06-17T09:30:00Z";
  if (format == "email") return "someone@example.com";
  if (format == "uri") return "https://example.com/" + std::string(kValueWords[rng.next() % kValueWords.size()]);
  std::string out = std::string(kValueWords[rng.next() % kValueWords.size()]) + " " +
                    std::string(kValueWords[rng.next() % kValueWords.size()]);
  const size_t min_len = s.value("minLength", size_t{0});
  while (out.size() < min_len) out += " " + std::string(kValueWords[rng.next() % kValueWords.size()]);
  if (auto max_len = s.find("maxLength"); max_len != s.end() && max_len->is_number_unsigned()) {
    out.resize(std::min(out.size(), max_len->get<size_t>()));
  }
  return out;
}

std::string text_of(const ojson& content) {
  std::string out;
  for (const ojson& p : content.value("parts", ojson::array())) {
    if (p.contains("text") && p["text"].is_string() && !p.value("thought", false)) out += p["text"].get<std::string>();
  }
  return out;
}

bool has_part(const ojson& content, const char* kind) {
  for (const ojson& p : content.value("parts", ojson::array())) {
    if (p.contains(kind)) return true;
  }
  return false;
}

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; }

// Where `name` first appears in `text` as a whole word, or npos.
size_t mention(const std::string& text, const std::string& name) {
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const bool left = at == 0 || !is_ident(text[at - 1]);
    const bool right = at + name.size() == text.size() || !is_ident(text[at + name.size()]);
    if (left && right) return at;
  }
  return std::string::npos;
}

// True when a tool of `body` declares the built-in tool `kind` ("googleSearch", "codeExecution").
bool declares(const ojson& body, const char* kind) {
  for (const ojson& tool : body.value("tools", ojson::array())) {
    if (tool.is_object() && tool.contains(kind)) return true;
  }
  return false;
}

struct Declaration {
  std::string name;
  ojson schema;
};

std::vector<Declaration> declarations(const ojson& body) {
  std::vector<Declaration> out;
  for (const ojson& tool : body.value("tools", ojson::array())) {
    for (const ojson& d : tool.value("functionDeclarations", ojson::array())) {
      if (!d.contains("name") || !d["name"].is_string()) continue;
      ojson schema = d.contains("parametersJsonSchema") ? d["parametersJsonSchema"] : d.value("parameters", ojson());
      out.push_back({d["name"].get<std::string>(), std::move(schema)});
    }
  }
  return out;
}

// The function the model calls next, if any: functions named in the latest
// user text and not yet answered, in the order they are named; with mode ANY
// always one (the API guarantees a call), limited to allowedFunctionNames.
const Declaration* next_call(const ojson& body, const std::vector<Declaration>& decls, const std::string& prompt,
                             const std::vector<std::string>& answered) {
  const ojson fcc = body.value("toolConfig", ojson::object()).value("functionCallingConfig", ojson::object());
  const std::string mode = fcc.value("mode", "AUTO");
  if (decls.empty() || mode == "NONE") return nullptr;
  const auto allowed_names = fcc.value("allowedFunctionNames", std::vector<std::string>{});
  std::vector<const Declaration*> pool;
  for (const Declaration& d : decls) {
    if (mode != "ANY" || allowed_names.empty() ||
        std::find(allowed_names.begin(), allowed_names.end(), d.name) != allowed_names.end()) {
      pool.push_back(&d);
    }
  }
  std::vector<std::pair<size_t, const Declaration*>> named;
  for (const Declaration* d : pool) {
    if (size_t at = mention(prompt, d->name); at != std::string::npos) named.emplace_back(at, d);
  }
  std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  auto unanswered = [&](const Declaration* d) {
    return std::find(answered.begin(), answered.end(), d->name) == answered.end();
  };
  for (const auto& [at, d] : named) {
    if (unanswered(d)) return d;
  }
  if (mode != "ANY" || pool.empty()) return nullptr;
  for (const Declaration* d : pool) {
    if (unanswered(d)) return d;
  }
  return named.empty() ? pool.front() : named.front().second;
}

std::string first_words(const std::string& text, int n) {
  std::string out;
  int words = 0;
  for (char c : text) {
    if (c == '\n') c = ' ';
    if (c == ' ' && ++words >= n) break;
    out += c;
  }
  return out;
}

// Cuts `text` at the last word boundary within `budget` tokens.
std::string within_budget(const std::string& text, int64_t budget) {
  if (budget < 0 || TextGenerator::count_tokens(text) <= budget) return text;
  std::string cut;
  for (size_t pos = 0; pos < text.size();) {
    size_t next = text.find(' ', pos + 1);
    if (next == std::string::npos) next = text.size();
    if (TextGenerator::count_tokens(std::string_view(text).substr(0, next)) > budget) break;
    cut = text.substr(0, next);
    pos = next;
  }
  return cut;
}

// The grounding tools: each grounds the answer in its own kind of source.
void ground(const ojson& body, const std::string& key, const std::string& prompt, ModelTurn& turn) {
  if (declares(body, "googleSearch") || declares(body, "enterpriseWebSearch") ||
      declares(body, "googleSearchRetrieval")) {
    turn.grounding = grounding_metadata(prompt, turn.text);
  } else if (declares(body, "googleMaps")) {
    bool widget = false;
    for (const ojson& tool : body.value("tools", ojson::array())) {
      if (tool.contains("googleMaps")) widget = widget || tool["googleMaps"].value("enableWidget", false);
    }
    turn.grounding = maps_grounding_metadata(prompt, turn.text, widget, TextGenerator::hash(key, 23));
  } else if (declares(body, "retrieval")) {
    std::string source = "vertex-ai-search";
    for (const ojson& tool : body.value("tools", ojson::array())) {
      if (tool.contains("retrieval") && tool["retrieval"].contains("vertexRagStore")) source = "rag-corpus";
    }
    turn.grounding = retrieval_grounding_metadata(prompt, turn.text, source);
  }
  // fileSearch retrieves from real stores: handlers/file_search_methods.h.
  if (declares(body, "urlContext")) {
    if (const std::vector<std::string> urls = urls_in(prompt); !urls.empty()) turn.url_context = url_context_metadata(urls);
  }
}

}  // namespace

size_t prompt_index(const ojson& contents) {
  for (size_t i = contents.size(); i-- > 0;) {
    if (contents[i].value("role", "user") == "user" && !text_of(contents[i]).empty()) return i;
  }
  return 0;
}

std::string latest_prompt(const ojson& contents) {
  if (!contents.is_array() || contents.empty()) return "";
  return text_of(contents[prompt_index(contents)]);
}

ojson value_from_schema(const ojson& schema, std::uint64_t seed) {
  Xorshift64Star rng{seed == 0 ? 1 : seed};
  return value_for(schema, schema, rng, 0);
}

ModelTurn respond(const TextGenerator& gen, const std::string& key, const ojson& body, const ThinkingPlan& thinking) {
  const ojson contents = body.value("contents", ojson::array());
  const ojson gc = body.value("generationConfig", ojson::object());
  ModelTurn turn;

  // The latest user turn with text is the prompt; function responses after it
  // are the answers to the calls made for it.
  const size_t prompt_at = prompt_index(contents);
  const std::string prompt = contents.empty() ? "" : text_of(contents[prompt_at]);
  std::vector<std::string> answered;
  ojson results = ojson::array();
  for (size_t i = prompt_at; i < contents.size(); ++i) {
    for (const ojson& p : contents[i].value("parts", ojson::array())) {
      if (p.contains("functionResponse")) {
        answered.push_back(p["functionResponse"].value("name", ""));
        results.push_back(p["functionResponse"]);
      }
    }
  }

  // What the model sees in the media of the user's latest turns.
  std::string seen;
  for (size_t i = prompt_at; i < contents.size(); ++i) {
    if (contents[i].value("role", "user") != "user") continue;
    const std::string d = describe_inline_media(contents[i]);
    if (!d.empty()) seen += (seen.empty() ? "" : " ") + d;
  }

  if (thinking.budget != 0) {
    const std::string thought = "**Considering the request**\n\nThe user asks: \"" + first_words(prompt, 8) +
                                "\". " + gen.generate(key + "#thought", 0, {}).text;
    const std::string kept = within_budget(thought, thinking.budget);
    turn.thought_tokens = std::max<int64_t>(1, TextGenerator::count_tokens(kept));
    if (thinking.include_thoughts) turn.thought = kept;
  }

  const std::vector<Declaration> decls = declarations(body);
  const bool last_is_response = !contents.empty() && has_part(contents.back(), "functionResponse");
  if (const Declaration* d = next_call(body, decls, prompt, answered)) {
    const ojson args = d->schema.is_object() ? value_from_schema(d->schema, TextGenerator::hash(key + d->name, 7))
                                             : ojson::object();
    turn.calls.push_back({d->name, args.is_object() ? args : ojson::object()});
    turn.tokens = TextGenerator::count_tokens(d->name + " " + args.dump());
    return turn;
  }
  // Computer Use: one predefined UI action per turn, then the closing text.
  if (declares(body, "computerUse")) {
    ojson turns = ojson::array();
    for (size_t i = prompt_at; i < contents.size(); ++i) turns.push_back(contents[i]);
    const ComputerUseStep step = computer_use_step(body, prompt, turns);
    if (step.action) {
      turn.calls.push_back({step.action->name, step.action->args});
      turn.tokens = TextGenerator::count_tokens(step.action->name + " " + step.action->args.dump());
    } else {
      turn.text = step.text;
      turn.tokens = TextGenerator::count_tokens(turn.text);
    }
    return turn;
  }

  const std::string mime = gc.value("responseMimeType", "");
  const int max_tokens = gc.value("maxOutputTokens", 0);
  const auto stops = gc.value("stopSequences", std::vector<std::string>{});
  std::optional<CodeRun> run;
  if (declares(body, "codeExecution") && mime != "application/json" && !last_is_response) run = run_code_for(prompt);
  if (run) {
    turn.text = run->summary;
    turn.tokens = TextGenerator::count_tokens(run->code + "\n" + run->output + "\n" + run->summary);
    turn.code = std::move(run);
  } else if (mime == "application/json") {
    const ojson schema = gc.contains("responseJsonSchema") ? gc["responseJsonSchema"] : gc.value("responseSchema", ojson());
    const Generation g = gen.generate(key, 0, {});
    turn.text = schema.is_object() ? value_from_schema(schema, TextGenerator::hash(key, 11)).dump()
                                   : ojson{{"answer", g.text}}.dump();
  } else if (last_is_response) {
    std::string text;
    for (const ojson& r : results) {
      text += (text.empty() ? "" : " ") + r.value("name", std::string("function")) + " returned " +
              r.value("response", ojson::object()).dump() + ".";
    }
    const Generation g = gen.generate(key, max_tokens > 0 ? std::max(1, max_tokens - static_cast<int>(
                                                                            TextGenerator::count_tokens(text)))
                                                          : 0,
                                      stops);
    turn.text = text + " " + g.text;
  } else if (wants_audio(gc)) {
    // A TTS model reads the prompt aloud, in the configured voice(s).
    const ojson speech = gc.value("speechConfig", ojson::object());
    std::string voice = speech.value("voiceConfig", ojson::object())
                            .value("prebuiltVoiceConfig", ojson::object())
                            .value("voiceName", "Zephyr");
    for (const ojson& s : speech.value("multiSpeakerVoiceConfig", ojson::object())
                              .value("speakerVoiceConfigs", ojson::array())) {
      voice += "," + s.value("voiceConfig", ojson::object())
                         .value("prebuiltVoiceConfig", ojson::object())
                         .value("voiceName", "");
    }
    turn.audio_pcm = speech_pcm(prompt, voice);
  } else if (wants_image(gc)) {
    turn.image_png = gemini_image_png(TextGenerator::hash(key, 13), gc);
    if (wants_text(gc)) {
      turn.text = (seen.empty() ? "" : seen + " ") + "Here is an image of " + first_words(prompt, 12) + ".";
    }
  } else {
    const Generation g = gen.generate(key, max_tokens, stops);
    turn.text = seen.empty() ? g.text : seen + " " + g.text;
    turn.finish_reason = g.finish_reason;
    // Asked for unsafe content, the model writes it: the filters judge the answer.
    if (const std::string unsafe = unsafe_answer(prompt); !unsafe.empty()) turn.text += " " + unsafe + ".";
  }
  if (!turn.code) turn.tokens = TextGenerator::count_tokens(turn.text) + (turn.image_png.empty() ? 0 : kImageOutputTokens);
  // Speech is billed at 25 tokens a second, as Google counts audio.
  turn.tokens += static_cast<int64_t>(turn.audio_pcm.size()) * 25 / (2 * kSpeechSampleRate);
  if (mime != "application/json") ground(body, key, prompt, turn);
  if (gc.value("responseLogprobs", false) && !turn.text.empty()) {
    turn.logprobs = logprobs_result(turn.text, gc.value("logprobs", 0), TextGenerator::hash(key, 19), &turn.avg_logprobs);
  }
  return turn;
}

}  // namespace genai::emulator
