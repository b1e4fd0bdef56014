#include "emulator/handlers/gemini_methods.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "emulator/auth/crypto.h"
#include "emulator/backend/computer_use.h"
#include "emulator/backend/generator.h"
#include "emulator/backend/media.h"
#include "emulator/backend/responder.h"
#include "emulator/backend/safety.h"
#include "emulator/backend/speech_logprobs.h"
#include "emulator/handlers/safety_filters.h"
#include "emulator/handlers/cached_contents.h"
#include "emulator/handlers/file_methods.h"
#include "emulator/handlers/file_search_methods.h"
#include "emulator/handlers/mcp_tool.h"
#include "emulator/handlers/request_names.h"
#include "emulator/handlers/request_types.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// Google's one-line SSE style: ": " after keys, no space after ",".
void dump_google_line(const ojson& j, std::string& out) {
  if (j.is_object()) {
    out += '{';
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!first) out += ',';
      first = false;
      out += ojson(it.key()).dump();
      out += ": ";
      dump_google_line(it.value(), out);
    }
    out += '}';
  } else if (j.is_array()) {
    out += '[';
    for (size_t i = 0; i < j.size(); ++i) {
      if (i) out += ',';
      dump_google_line(j[i], out);
    }
    out += ']';
  } else {
    out += j.dump();
  }
}

void send_json_impl(Response& res, const ojson& j) {
  res.status = 200;
  res.set_content(j.dump(2) + "\n", "application/json; charset=UTF-8");
}

}  // namespace

std::string request_key(std::string_view model, const ojson& body) {
  return std::string(model) + "\n" + nlohmann::json(body).dump();
}

std::string texts_of(const ojson& contents) {
  std::string out;
  if (!contents.is_array()) return out;
  for (const ojson& c : contents) {
    for (const ojson& p : c.value("parts", ojson::array())) {
      if (p.contains("text") && p["text"].is_string()) {
        out += p["text"].get<std::string>();
        out += '\n';
      }
    }
  }
  return out;
}

namespace {

// The request protos' package, for type URLs in errors.
std::string proto_package(const GeminiCall& call) {
  return (call.vertex ? "google.cloud.aiplatform." : "google.ai.generativelanguage.") + call.version;
}

std::optional<GoogleError> validate_contents(const ojson& contents, const char* request_name) {
  if (!contents.is_array() || contents.empty()) {
    return invalid_argument(std::string("* ") + request_name + ".contents: contents is not specified\n");
  }
  for (size_t i = 0; i < contents.size(); ++i) {
    const ojson& c = contents[i];
    if (!c.is_object() || !c.contains("parts") || !c["parts"].is_array() || c["parts"].empty()) {
      return invalid_argument(std::string("* ") + request_name + ".contents[" + std::to_string(i) +
                              "].parts: contents.parts must not be empty.\n");
    }
    if (c.contains("role") && c["role"] != "user" && c["role"] != "model" && c["role"] != "function") {
      return invalid_argument("Please use a valid role: user, model.");
    }
  }
  return std::nullopt;
}

}  // namespace

void send_json(Response& res, const ojson& j) { send_json_impl(res, j); }

namespace {

struct Answer {
  std::vector<ModelTurn> candidates;  // one per candidateCount
  int64_t prompt_tokens = 0;
  int64_t candidate_tokens = 0;
  int64_t thought_tokens = 0;
};

// Deterministic per request, seed and candidate index.
Answer answer(ServerEnv& env, const GeminiCall& call, const ThinkingPlan& thinking) {
  const ojson& b = call.body;
  const ojson gc = b.value("generationConfig", ojson::object());
  const int n = std::max(1, gc.value("candidateCount", 1));
  Answer a;
  a.prompt_tokens = TextGenerator::count_tokens(texts_of(b["contents"]));
  if (b.contains("systemInstruction")) {
    a.prompt_tokens += TextGenerator::count_tokens(texts_of(ojson::array({b["systemInstruction"]})));
  }
  // Safety settings filter an answer, they do not change it: a blocked
  // answer is the one a lower threshold lets through.
  ojson generated = b;
  generated.erase("safetySettings");
  const std::string key = request_key(call.model, generated);
  for (int i = 0; i < n; ++i) {
    a.candidates.push_back(respond(env.generator(), key + "#" + std::to_string(i), b, thinking));
    a.candidate_tokens += a.candidates.back().tokens;
    a.thought_tokens += a.candidates.back().thought_tokens;
  }
  return a;
}

// `prompt` includes `cached` tokens, as Google counts them.
ojson usage(const GeminiCall& call, int64_t prompt, int64_t candidates, int64_t thoughts, int64_t images,
            int64_t cached, int64_t audio = 0) {
  ojson u;
  u["promptTokenCount"] = prompt;
  if (candidates > 0) u["candidatesTokenCount"] = candidates;
  u["totalTokenCount"] = prompt + candidates + thoughts;
  if (cached > 0) u["cachedContentTokenCount"] = cached;
  if (call.vertex) u["trafficType"] = "ON_DEMAND";
  u["promptTokensDetails"] = ojson::array({ojson{{"modality", "TEXT"}, {"tokenCount", prompt}}});
  if (images > 0) u["candidatesTokensDetails"] = ojson::array({ojson{{"modality", "IMAGE"}, {"tokenCount", images}}});
  if (audio > 0) u["candidatesTokensDetails"] = ojson::array({ojson{{"modality", "AUDIO"}, {"tokenCount", audio}}});
  if (cached > 0) u["cacheTokensDetails"] = ojson::array({ojson{{"modality", "TEXT"}, {"tokenCount", cached}}});
  if (thoughts > 0) u["thoughtsTokenCount"] = thoughts;
  return u;
}

int64_t image_tokens(const ModelTurn& t) { return t.image_png.empty() ? 0 : kImageOutputTokens; }
int64_t audio_tokens(const ModelTurn& t) { return t.audio_pcm.empty() ? 0 : t.tokens; }

std::string response_id(ServerEnv& env, const GeminiCall& call) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
  std::uint64_t h = TextGenerator::hash(request_key("", call.body), env.options().seed);
  std::string id;
  for (int i = 0; i < 23; ++i) {
    id += kAlphabet[h % 63];
    h = h / 63 + (h % 7919) * 2654435761ULL;
  }
  return id;
}

ojson text_part(const std::string& text) { return ojson{{"text", text}}; }
ojson image_part(const std::string& png) {
  return ojson{{"inlineData", ojson{{"mimeType", "image/png"}, {"data", base64_encode(png)}}}};
}
ojson audio_part(const std::string& pcm) {
  return ojson{{"inlineData", ojson{{"mimeType", kSpeechMimeType}, {"data", base64_encode(pcm)}}}};
}
ojson thought_part(const std::string& text) { return ojson{{"text", text}, {"thought", true}}; }

// Code execution: the code the model ran, then what it printed.
std::vector<ojson> code_parts(const ModelTurn& t) {
  if (!t.code) return {};
  return {ojson{{"executableCode", ojson{{"language", "PYTHON"}, {"code", t.code->code}}}},
          ojson{{"codeExecutionResult", ojson{{"outcome", t.code->outcome}, {"output", t.code->output}}}}};
}

// The parts of a whole turn: the thought first, then the calls or the answer.
ojson parts_of(const ModelTurn& t) {
  ojson parts = ojson::array();
  if (!t.thought.empty()) parts.push_back(thought_part(t.thought));
  for (const ModelCall& c : t.calls) parts.push_back(ojson{{"functionCall", ojson{{"name", c.name}, {"args", c.args}}}});
  for (ojson& p : code_parts(t)) parts.push_back(std::move(p));
  if (t.calls.empty() && (!t.text.empty() || (t.image_png.empty() && t.audio_pcm.empty()))) {
    parts.push_back(text_part(t.text));
  }
  if (!t.image_png.empty()) parts.push_back(image_part(t.image_png));
  if (!t.audio_pcm.empty()) parts.push_back(audio_part(t.audio_pcm));
  return parts;
}

ojson candidate(const GeminiCall& call, ojson parts, size_t index, const std::string* finish_reason,
                const ojson* grounding = nullptr, const ModelTurn* judged = nullptr) {
  // Key order as each backend sends it: Vertex AI puts "role" first.
  ojson c;
  // A candidate a filter stopped has no content; the last event of a
  // streamed image answer has content without parts.
  if (judged && judged->withheld) {
  } else if (parts.empty()) {
    c["content"] = ojson{{"role", "model"}};
  } else {
    c["content"] = call.vertex ? ojson{{"role", "model"}, {"parts", parts}} : ojson{{"parts", parts}, {"role", "model"}};
  }
  if (finish_reason) c["finishReason"] = *finish_reason;
  if (judged && !judged->logprobs.is_null()) c["avgLogprobs"] = judged->avg_logprobs;
  if (grounding && !grounding->is_null()) c["groundingMetadata"] = *grounding;
  if (judged && !judged->url_context.is_null()) c["urlContextMetadata"] = judged->url_context;
  if (!call.vertex) c["index"] = index;  // Vertex AI leaves the index out
  if (judged && !judged->safety_ratings.is_null()) c["safetyRatings"] = judged->safety_ratings;
  if (judged && !judged->logprobs.is_null()) c["logprobsResult"] = judged->logprobs;
  return c;
}

// One response object, in Google's key order for the backend.
// The envelope of every generateContent answer and stream event. A refused
// prompt has promptFeedback and no candidates (pass null candidates).
ojson response(ServerEnv& env, const GeminiCall& call, ojson candidates, ojson usage_metadata, const std::string& id,
               ojson prompt_feedback = nullptr) {
  ojson out;
  if (!candidates.is_null()) out["candidates"] = std::move(candidates);
  if (!prompt_feedback.is_null()) out["promptFeedback"] = std::move(prompt_feedback);
  out["usageMetadata"] = std::move(usage_metadata);
  out["modelVersion"] = call.model;
  if (call.vertex) out["createTime"] = rfc3339(env.clock().now());
  out["responseId"] = id;
  return out;
}

// An answer from a cache says what it read (the first words of the cached
// text), so a test can see the cache was used. JSON answers stay valid JSON.
void read_from_cache(Answer& a, const CacheUse& cache) {
  std::string words;
  int n = 0;
  for (char c : cache.text) {
    if (c == '\n') c = ' ';
    if (c == ' ' && ++n >= 8) break;
    words += c;
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  if (words.empty()) return;
  for (ModelTurn& t : a.candidates) {
    if (!t.calls.empty() || (!t.text.empty() && (t.text[0] == '{' || t.text[0] == '['))) continue;
    const std::string prefix = "From the cached content (\"" + words + "\"): ";
    const int64_t extra = TextGenerator::count_tokens(prefix);
    t.text = prefix + t.text;
    t.tokens += extra;
    a.candidate_tokens += extra;
  }
}

// The first candidate's text in pieces of four words.
std::vector<std::string> stream_pieces(const std::string& text) {
  std::vector<std::string> pieces;
  size_t pos = 0;
  int words = 0;
  size_t start = 0;
  while ((pos = text.find(' ', pos + 1)) != std::string::npos) {
    if (++words % 4 == 0) {
      pieces.push_back(text.substr(start, pos - start));
      start = pos;
    }
  }
  pieces.push_back(text.substr(start));
  return pieces;
}

// The parts of each streamed event: the thought in one event, a function
// call in one event, an answer in pieces of four words; an image in one event
// of its own, then an event without parts that carries finishReason (as
// Google streams it). A filtered answer streams what came before the unsafe
// part, then an event without content that stops it.
std::vector<ojson> stream_parts(const ModelTurn& turn) {
  std::vector<ojson> piece_parts;
  if (turn.withheld) {
    const std::string before = turn.finish_reason == "SAFETY" ? text_before_unsafe(turn.text) : "";
    if (!before.empty()) {
      for (const std::string& piece : stream_pieces(before)) piece_parts.push_back(ojson::array({text_part(piece)}));
    }
    piece_parts.push_back(ojson::array());
    return piece_parts;
  }
  if (!turn.thought.empty()) piece_parts.push_back(ojson::array({thought_part(turn.thought)}));
  if (!turn.calls.empty()) {
    ModelTurn calls_only = turn;
    calls_only.thought.clear();
    piece_parts.push_back(parts_of(calls_only));
    return piece_parts;
  }
  for (ojson& p : code_parts(turn)) piece_parts.push_back(ojson::array({std::move(p)}));
  if (!turn.audio_pcm.empty()) {
    piece_parts.push_back(ojson::array({audio_part(turn.audio_pcm)}));
    return piece_parts;
  }
  if (!turn.text.empty() || turn.image_png.empty()) {
    for (const std::string& piece : stream_pieces(turn.text)) piece_parts.push_back(ojson::array({text_part(piece)}));
  }
  if (!turn.image_png.empty()) {
    piece_parts.push_back(ojson::array({image_part(turn.image_png)}));
    piece_parts.push_back(ojson::array());
  }
  return piece_parts;
}

}  // namespace

bool GeminiMethods::admit(const Request& req, Response& res, const AccessCheck& check,
                          GeminiCall* call) {
  env_.state().count("requests " + check.api_method.substr(check.api_method.rfind('.', check.api_method.rfind('.') - 1) + 1));
  auto who = authorize(env_, req, check);
  if (auto* e = std::get_if<GoogleError>(&who)) {
    send_error(res, *e);
    return false;
  }
  if (call) {
    const Caller& caller = std::get<Caller>(who);
    call->owner = check.resource_project.empty() ? caller.project_id : check.resource_project;
  }
  if (call && (req.method == "POST" || req.method == "PATCH")) {
    call->body = ojson::parse(req.body, nullptr, false);
    if (call->body.is_discarded() || !call->body.is_object()) {
      send_error(res, invalid_argument("Invalid JSON payload received. Unexpected token."));
      return false;
    }
    // As Google's transcoder reads a body: proto names become JSON names,
    // unknown names and values of the wrong type are refused, before any
    // handler sees it.
    if (const ProtoMessage* message = request_message(call->method)) {
      std::optional<GoogleError> e =
          normalize_field_names(call->body, *message, call->vertex ? Backend::kVertex : Backend::kDeveloper);
      if (!e) e = check_request_types(call->body, *message, proto_package(*call));
      if (e) {
        send_error(res, *e);
        return false;
      }
    }
  }
  return true;
}

namespace {

// What generate checks and reads before it answers, streamed or not.
struct PreparedGenerate {
  GeminiCall effective;
  CacheUse cache;
  SafetyPolicy thresholds;
  ThinkingPlan thinking;
  std::string id;
  std::string prompt;
  std::optional<FileSearchAnswer> file_search;  // what the fileSearch tool retrieved
  std::optional<std::string> mcp;               // what the mcpServers' tools answered
};

// A tool's answer (fileSearch's, grounded; else the MCP tools') replaces the
// model's text (not its function calls, images or a JSON answer).
void apply_tool_answer(Answer& a, const PreparedGenerate& p) {
  if (!p.file_search && !p.mcp) return;
  const ojson gc = p.effective.body.value("generationConfig", ojson::object());
  if (gc.value("responseMimeType", "") == "application/json") return;
  a.candidate_tokens = 0;
  for (ModelTurn& t : a.candidates) {
    if (t.calls.empty() && t.image_png.empty() && t.audio_pcm.empty()) {
      if (p.file_search) {
        t.text = p.file_search->text;
        t.grounding = p.file_search->grounding;
      } else {
        t.text = *p.mcp;
      }
      t.tokens = TextGenerator::count_tokens(t.text);
    }
    a.candidate_tokens += t.tokens;
  }
}

std::variant<PreparedGenerate, GoogleError> prepare_generate(ServerEnv& env, const GeminiCall& call) {
  if (auto e = validate_contents(call.body.value("contents", ojson()), "GenerateContentRequest")) return *e;
  const CatalogModel* model = find_model(call.model);  // the routes only call with a catalog model
  if (auto e = check_response_modalities(call.body, model)) return *e;
  if (auto e = check_image_config(call.body, model)) return *e;
  if (call.body.value("generationConfig", ojson::object()).value("responseLogprobs", false) && !model->logprobs) {
    return logprobs_not_enabled(call.model, call.vertex);
  }
  bool computer_use_tool = false;
  for (const ojson& tool : call.body.value("tools", ojson::array())) {
    computer_use_tool = computer_use_tool || (tool.is_object() && tool.contains("computerUse"));
  }
  if (computer_use_tool && !model->computer_use) return computer_use_not_supported(call.model);
  if (!computer_use_tool && model->computer_use) return computer_use_tool_required();
  if (computer_use_tool) {
    if (std::optional<std::string> action = unacknowledged_safety_decision(call.body.value("contents", ojson()))) {
      return computer_use_unacknowledged(*action);
    }
  }
  auto thinking = thinking_plan(*model, call.body.value("generationConfig", ojson()), call.vertex);
  if (auto* e = std::get_if<GoogleError>(&thinking)) return *e;
  auto policy = safety_policy(call.body, call.vertex, call.version);
  if (auto* e = std::get_if<GoogleError>(&policy)) return *e;
  PreparedGenerate p{call, CacheUse{}, std::get<SafetyPolicy>(policy), std::get<ThinkingPlan>(thinking), "", "", {}, {}};
  if (auto e = apply_cached_content(env, p.effective, p.cache)) return *e;
  if (auto e = resolve_file_parts(env, p.effective)) return *e;
  p.id = response_id(env, call);
  p.prompt = latest_prompt(p.effective.body.value("contents", ojson::array()));
  auto retrieved = file_search_for(env, p.effective, p.prompt);
  if (auto* e = std::get_if<GoogleError>(&retrieved)) return *e;
  p.file_search = std::get<std::optional<FileSearchAnswer>>(std::move(retrieved));
  auto mcp = mcp_answer_for(p.effective, p.prompt);
  if (auto* e = std::get_if<GoogleError>(&mcp)) return *e;
  p.mcp = std::get<std::optional<std::string>>(std::move(mcp));
  return p;
}

// The answer to a prompt the filters refused: no candidates.
ojson refused_answer(ServerEnv& env, const GeminiCall& call, const PreparedGenerate& p, ojson feedback) {
  const int64_t prompt_tokens = TextGenerator::count_tokens(texts_of(p.effective.body["contents"]));
  ojson prompt_usage;
  prompt_usage["promptTokenCount"] = prompt_tokens;
  prompt_usage["totalTokenCount"] = prompt_tokens;
  if (call.vertex) prompt_usage["trafficType"] = "ON_DEMAND";
  return response(env, call, nullptr, std::move(prompt_usage), p.id, std::move(feedback));
}

}  // namespace

std::variant<nlohmann::ordered_json, GoogleError> GeminiMethods::generate_content_json(const GeminiCall& call) {
  auto prepared = prepare_generate(env_, call);
  if (auto* e = std::get_if<GoogleError>(&prepared)) return *e;
  PreparedGenerate& p = std::get<PreparedGenerate>(prepared);
  if (std::optional<ojson> feedback = refused_prompt(p.thresholds, p.prompt, call.vertex)) {
    return refused_answer(env_, call, p, std::move(*feedback));
  }
  Answer a = answer(env_, p.effective, p.thinking);
  apply_tool_answer(a, p);
  if (p.cache.tokens > 0) read_from_cache(a, p.cache);
  for (ModelTurn& t : a.candidates) judge_answer(t, p.thresholds, p.prompt, call.vertex);
  ojson candidates = ojson::array();
  for (size_t i = 0; i < a.candidates.size(); ++i) {
    candidates.push_back(candidate(call, parts_of(a.candidates[i]), i, &a.candidates[i].finish_reason,
                                  &a.candidates[i].grounding, &a.candidates[i]));
  }
  return response(env_, call, std::move(candidates),
                  usage(call, a.prompt_tokens, a.candidate_tokens, a.thought_tokens, image_tokens(a.candidates[0]),
                        p.cache.tokens, audio_tokens(a.candidates[0])),
                  p.id);
}

void GeminiMethods::generate(const Request& req, Response& res, const GeminiCall& call) {
  if (call.method == "generateContent") {
    auto answer_json = generate_content_json(call);
    if (auto* e = std::get_if<GoogleError>(&answer_json)) return send_error(res, *e);
    return send_json(res, std::get<ojson>(answer_json));
  }
  auto prepared = prepare_generate(env_, call);
  if (auto* e = std::get_if<GoogleError>(&prepared)) return send_error(res, *e);
  PreparedGenerate& p = std::get<PreparedGenerate>(prepared);
  const bool sse = req.has_param("alt") && req.get_param_value("alt") == "sse";
  // The prompt through the filters first: a refused prompt is answered
  // without candidates (one event when streamed).
  if (std::optional<ojson> feedback = refused_prompt(p.thresholds, p.prompt, call.vertex)) {
    std::string line;
    dump_google_line(refused_answer(env_, call, p, std::move(*feedback)), line);
    res.status = 200;
    return res.set_content(sse ? "data: " + line + "\r\n\r\n" : "[" + line + "]",
                           sse ? "text/event-stream" : "application/json; charset=UTF-8");
  }
  Answer a = answer(env_, p.effective, p.thinking);
  apply_tool_answer(a, p);
  const CacheUse& cache = p.cache;
  const std::string& id = p.id;
  if (cache.tokens > 0) read_from_cache(a, cache);
  for (ModelTurn& t : a.candidates) judge_answer(t, p.thresholds, p.prompt, call.vertex);

  // Streaming: events as stream_parts() cuts the turn.
  const ModelTurn& turn = a.candidates[0];
  const std::vector<ojson> piece_parts = stream_parts(turn);
  std::vector<std::string> events;
  for (size_t i = 0; i < piece_parts.size(); ++i) {
    const bool last = i + 1 == piece_parts.size();
    const ojson e = response(env_, call,
                             ojson::array({candidate(call, piece_parts[i], 0, last ? &turn.finish_reason : nullptr,
                                                     last ? &turn.grounding : nullptr, last ? &turn : nullptr)}),
                             usage(call, a.prompt_tokens, last ? turn.tokens : 0, last ? turn.thought_tokens : 0,
                                   last ? image_tokens(turn) : 0, cache.tokens, last ? audio_tokens(turn) : 0),
                             id);
    std::string line;
    dump_google_line(e, line);
    events.push_back(std::move(line));
  }
  // SSE events, or (without ?alt=sse) the elements of one JSON array.
  std::vector<std::string> chunks;
  for (size_t i = 0; i < events.size(); ++i) {
    chunks.push_back(sse ? "data: " + events[i] + "\r\n\r\n" : (i == 0 ? "[" : ",\r\n") + events[i]);
  }
  if (!sse) chunks.push_back("]");
  if (req.cut_stream) {
    // Half an event, then the connection drops.
    chunks.resize(1);
    chunks.push_back("data: " + events[std::min<size_t>(1, events.size() - 1)].substr(0, 20));
    res.drop_connection = true;
  }
  res.status = 200;
  res.stream(std::move(chunks), sse ? "text/event-stream" : "application/json; charset=UTF-8");
  res.chunk_delay = std::chrono::milliseconds(env_.options().stream_chunk_delay_ms);
}

void GeminiMethods::count_tokens(Response& res, const GeminiCall& call) {
  ojson contents = call.body.value("contents", ojson());
  int64_t extra = 0;
  if (call.body.contains("generateContentRequest")) {
    const ojson& g = call.body["generateContentRequest"];
    contents = g.value("contents", ojson());
    if (g.contains("systemInstruction")) extra += TextGenerator::count_tokens(texts_of(ojson::array({g["systemInstruction"]})));
  } else if (call.body.contains("systemInstruction")) {
    extra += TextGenerator::count_tokens(texts_of(ojson::array({call.body["systemInstruction"]})));
  }
  if (auto e = validate_contents(contents, "CountTokensRequest")) return send_error(res, *e);
  const std::string text = texts_of(contents);
  const int64_t n = TextGenerator::count_tokens(text) + extra;
  ojson out;
  out["totalTokens"] = n;
  if (call.vertex) out["totalBillableCharacters"] = static_cast<int64_t>(std::count_if(text.begin(), text.end(), [](char c) { return !std::isspace(static_cast<unsigned char>(c)); }));
  out["promptTokensDetails"] = ojson::array({ojson{{"modality", "TEXT"}, {"tokenCount", n}}});
  send_json(res, out);
}

void GeminiMethods::compute_tokens(Response& res, const GeminiCall& call) {
  const ojson contents = call.body.value("contents", ojson());
  if (auto e = validate_contents(contents, "ComputeTokensRequest")) return send_error(res, *e);
  ojson infos = ojson::array();
  for (const ojson& content : contents) {
    const std::string text = texts_of(ojson::array({content}));
    ojson tokens = ojson::array();
    ojson ids = ojson::array();
    for (std::string_view token : TextGenerator::tokenize(text)) {
      tokens.push_back(base64_encode(token));
      ids.push_back(std::to_string(TextGenerator::token_id(token)));  // int64: a string in protobuf JSON
    }
    ojson info;
    info["tokens"] = std::move(tokens);
    info["tokenIds"] = std::move(ids);
    info["role"] = content.value("role", "user");
    infos.push_back(std::move(info));
  }
  send_json(res, ojson{{"tokensInfo", std::move(infos)}});
}

std::variant<ojson, GoogleError> GeminiMethods::embedding_json(const ojson& request, const CatalogModel& m) {
  const ojson content = request.is_object() ? request.value("content", ojson()) : ojson();
  if (!content.is_object() || texts_of(ojson::array({content})).empty()) {
    return invalid_argument("* EmbedContentRequest.content: contents is not specified\n");
  }
  const ojson dims_field = request.value("outputDimensionality", ojson(m.dimensions));
  const int dims = dims_field.is_number_integer() ? dims_field.get<int>() : 0;
  if (dims <= 0 || dims > m.dimensions) {
    return invalid_argument("* EmbedContentRequest.output_dimensionality: must be between 1 and " +
                            std::to_string(m.dimensions) + "\n");
  }
  return ojson{{"values", env_.generator().embed(texts_of(ojson::array({content})), dims)}};
}

void GeminiMethods::embed(Response& res, const GeminiCall& call, const CatalogModel& m) {
  ojson out;
  if (call.method == "embedContent") {
    auto e = embedding_json(call.body, m);
    if (auto* error = std::get_if<GoogleError>(&e)) return send_error(res, *error);
    out["embedding"] = std::get<ojson>(std::move(e));
  } else {
    out["embeddings"] = ojson::array();
    for (const ojson& r : call.body.value("requests", ojson::array())) {
      auto e = embedding_json(r, m);
      if (auto* error = std::get_if<GoogleError>(&e)) return send_error(res, *error);
      out["embeddings"].push_back(std::get<ojson>(std::move(e)));
    }
  }
  send_json(res, out);
}

void GeminiMethods::predict_embeddings(Response& res, const GeminiCall& call, const CatalogModel& m) {
  const ojson instances = call.body.value("instances", ojson());
  if (!instances.is_array() || instances.empty()) {
    return send_error(res, invalid_argument("Invalid JSON payload: instances must be a non-empty list."));
  }
  const ojson params = call.body.value("parameters", ojson::object());
  const int dims = params.value("outputDimensionality", m.dimensions);
  if (dims <= 0 || dims > m.dimensions) {
    return send_error(res, invalid_argument("outputDimensionality must be between 1 and " + std::to_string(m.dimensions) + "."));
  }
  ojson predictions = ojson::array();
  int64_t characters = 0;
  for (const ojson& inst : instances) {
    const std::string text = inst.value("content", "");
    if (text.empty()) return send_error(res, invalid_argument("The text content is empty."));
    characters += static_cast<int64_t>(text.size());
    ojson stats;
    stats["truncated"] = false;
    stats["token_count"] = TextGenerator::count_tokens(text);
    ojson emb;
    emb["values"] = env_.generator().embed(text + "\n", dims);
    emb["statistics"] = stats;
    predictions.push_back(ojson{{"embeddings", emb}});
  }
  ojson out;
  out["predictions"] = predictions;
  out["metadata"] = ojson{{"billableCharacterCount", characters}};
  send_json(res, out);
}

}  // namespace genai::emulator
