// The Gemini Developer API (generativelanguage.googleapis.com) under /v1beta
// and /v1: models, generateContent, streamGenerateContent, countTokens,
// embedContent and batchEmbedContents. Requests are validated with
// nlohmann::json directly, never with libgenai's own types, so a bug shared
// with the client cannot hide itself.
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "emulator/access.h"
#include "emulator/backend/generator.h"
#include "emulator/faults/faults.h"
#include "emulator/routes/routes.h"
#include "emulator/server/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

struct CatalogModel {
  const char* id;
  const char* version;
  const char* display_name;
  const char* description;
  int64_t input_limit;
  int64_t output_limit;
  bool embedding;
  int dimensions;
};

constexpr CatalogModel kCatalog[] = {
    {"gemini-2.5-pro", "2.5", "Gemini 2.5 Pro", "Stable release (June 17th, 2025) of Gemini 2.5 Pro", 1048576, 65536, false, 0},
    {"gemini-2.5-flash", "001", "Gemini 2.5 Flash", "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.", 1048576, 65536, false, 0},
    {"gemini-2.5-flash-lite", "001", "Gemini 2.5 Flash-Lite", "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025", 1048576, 65536, false, 0},
    {"gemini-2.0-flash", "2.0", "Gemini 2.0 Flash", "Gemini 2.0 Flash", 1048576, 8192, false, 0},
    {"text-embedding-004", "004", "Text Embedding 004", "Obtain a distributed representation of a text.", 2048, 1, true, 768},
    {"gemini-embedding-001", "001", "Gemini Embedding 001", "Obtain a distributed representation of a text.", 2048, 1, true, 3072},
};

const CatalogModel* find_model(const std::string& id) {
  for (const CatalogModel& m : kCatalog) {
    if (id == m.id) return &m;
  }
  return nullptr;
}

ojson model_json(const CatalogModel& m) {
  ojson j;
  j["name"] = std::string("models/") + m.id;
  j["version"] = m.version;
  j["displayName"] = m.display_name;
  j["description"] = m.description;
  j["inputTokenLimit"] = m.input_limit;
  j["outputTokenLimit"] = m.output_limit;
  if (m.embedding) {
    j["supportedGenerationMethods"] = {"embedContent", "countTextTokens", "countTokens"};
  } else {
    j["supportedGenerationMethods"] = {"generateContent", "countTokens", "createCachedContent", "batchGenerateContent"};
    j["temperature"] = 1;
    j["topP"] = 0.95;
    j["topK"] = 64;
    j["maxTemperature"] = 2;
    j["thinking"] = std::string(m.id).find("2.5") != std::string::npos;
  }
  return j;
}

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

void send_json(httplib::Response& res, const ojson& j) {
  res.status = 200;
  res.set_content(j.dump(2) + "\n", "application/json; charset=UTF-8");
}

// Checks the body's top-level names the way Google's JSON parser does.
std::optional<GoogleError> unknown_field(const ojson& body, std::initializer_list<const char*> allowed) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool ok = false;
    for (const char* name : allowed) ok = ok || it.key() == name;
    if (!ok) {
      return invalid_argument("Invalid JSON payload received. Unknown name \"" + it.key() + "\": Cannot find field.");
    }
  }
  return std::nullopt;
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

struct Call {
  std::string version;  // "v1beta" or "v1"
  std::string model;
  std::string method;
  ojson body;
};

class DeveloperApi {
 public:
  explicit DeveloperApi(ServerEnv& env) : env_(env) {}

  // Authorizes and parses; on failure the response is already written.
  bool admit(const httplib::Request& req, httplib::Response& res, const std::string& version,
             const std::string& rpc, Call* call) {
    env_.state().count("requests " + rpc);
    const std::string service_prefix = "google.ai.generativelanguage." + version + ".";
    auto who = authorize(env_, req, AccessCheck{kGenerativeLanguage, service_prefix + rpc, "", "", true});
    if (auto* e = std::get_if<GoogleError>(&who)) {
      send_error(res, *e);
      return false;
    }
    if (call && req.method == "POST") {
      call->body = ojson::parse(req.body, nullptr, false);
      if (call->body.is_discarded() || !call->body.is_object()) {
        send_error(res, invalid_argument("Invalid JSON payload received. Unexpected token."));
        return false;
      }
    }
    return true;
  }

  void list(const httplib::Request& req, httplib::Response& res, const std::string& version) {
    if (!admit(req, res, version, "ModelService.ListModels", nullptr)) return;
    size_t page_size = 50;
    if (req.has_param("pageSize")) page_size = std::clamp<size_t>(std::stoul(req.get_param_value("pageSize")), 1, 1000);
    size_t start = 0;
    if (req.has_param("pageToken")) {
      const std::string token = req.get_param_value("pageToken");
      if (token.rfind("page-", 0) != 0) {
        send_error(res, invalid_argument("Invalid page token."));
        return;
      }
      start = std::stoul(token.substr(5));
    }
    ojson out;
    out["models"] = ojson::array();
    const size_t n = std::size(kCatalog);
    for (size_t i = start; i < n && i < start + page_size; ++i) out["models"].push_back(model_json(kCatalog[i]));
    if (start + page_size < n) out["nextPageToken"] = "page-" + std::to_string(start + page_size);
    send_json(res, out);
  }

  void get(const httplib::Request& req, httplib::Response& res, const std::string& version, const std::string& id) {
    if (!admit(req, res, version, "ModelService.GetModel", nullptr)) return;
    const CatalogModel* m = find_model(id);
    if (!m) {
      send_error(res, not_found("models/" + id + " is not found for API version " + version +
                                ", or is not supported for GetModel. Call ListModels to see the list of available "
                                "models and their supported methods."));
      return;
    }
    send_json(res, model_json(*m));
  }

  void method(const httplib::Request& req, httplib::Response& res, Call call) {
    static const std::map<std::string, std::string> kRpc = {
        {"generateContent", "GenerativeService.GenerateContent"},
        {"streamGenerateContent", "GenerativeService.StreamGenerateContent"},
        {"countTokens", "GenerativeService.CountTokens"},
        {"embedContent", "GenerativeService.EmbedContent"},
        {"batchEmbedContents", "GenerativeService.BatchEmbedContents"}};
    auto rpc = kRpc.find(call.method);
    if (rpc == kRpc.end()) {
      send_error(res, not_found("Method not found."));
      return;
    }
    if (!admit(req, res, call.version, rpc->second, &call)) return;
    const CatalogModel* m = find_model(call.model);
    const bool wants_embedding = call.method == "embedContent" || call.method == "batchEmbedContents";
    if (!m || (m->embedding != wants_embedding && call.method != "countTokens")) {
      send_error(res, model_not_found(call.model, call.version, call.method));
      return;
    }
    if (call.method == "generateContent" || call.method == "streamGenerateContent") {
      generate(req, res, call);
    } else if (call.method == "countTokens") {
      count(res, call);
    } else {
      embed(res, call, *m);
    }
  }

 private:
  // One candidate per candidateCount, deterministic per request and index.
  ojson answer(const Call& call, std::vector<Generation>& gens, int64_t& prompt_tokens) {
    const ojson& b = call.body;
    const ojson gc = b.value("generationConfig", ojson::object());
    const int max_tokens = gc.value("maxOutputTokens", 0);
    const std::vector<std::string> stops = gc.value("stopSequences", std::vector<std::string>{});
    const int n = std::max(1, gc.value("candidateCount", 1));
    prompt_tokens = TextGenerator::count_tokens(texts_of(b["contents"]));
    if (b.contains("systemInstruction")) prompt_tokens += TextGenerator::count_tokens(texts_of(ojson::array({b["systemInstruction"]})));
    const std::string key = call.model + "\n" + b.dump();
    for (int i = 0; i < n; ++i) gens.push_back(env_.generator().generate(key + "#" + std::to_string(i), max_tokens, stops));
    return ojson();
  }

  ojson usage(int64_t prompt, int64_t candidates) {
    ojson u;
    u["promptTokenCount"] = prompt;
    if (candidates > 0) u["candidatesTokenCount"] = candidates;
    u["totalTokenCount"] = prompt + candidates;
    u["promptTokensDetails"] = ojson::array({ojson{{"modality", "TEXT"}, {"tokenCount", prompt}}});
    return u;
  }

  std::string response_id(const Call& call) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
    std::uint64_t h = TextGenerator::hash(call.body.dump(), env_.options().seed);
    std::string id;
    for (int i = 0; i < 23; ++i) {
      id += kAlphabet[h % 63];
      h = h / 63 + (h % 7919) * 2654435761ULL;
    }
    return id;
  }

  void generate(const httplib::Request& req, httplib::Response& res, const Call& call) {
    if (auto e = validate_contents(call.body.value("contents", ojson()), "GenerateContentRequest")) {
      send_error(res, *e);
      return;
    }
    if (auto e = unknown_field(call.body, {"contents", "systemInstruction", "tools", "toolConfig", "safetySettings",
                                           "generationConfig", "cachedContent", "labels", "model"})) {
      send_error(res, *e);
      return;
    }
    std::vector<Generation> gens;
    int64_t prompt = 0;
    answer(call, gens, prompt);
    int64_t candidate_tokens = 0;
    for (const Generation& g : gens) candidate_tokens += g.tokens;
    const std::string id = response_id(call);

    if (call.method == "generateContent") {
      ojson out;
      out["candidates"] = ojson::array();
      for (size_t i = 0; i < gens.size(); ++i) {
        ojson c;
        c["content"] = ojson{{"parts", ojson::array({ojson{{"text", gens[i].text}}})}, {"role", "model"}};
        c["finishReason"] = gens[i].finish_reason;
        c["index"] = i;
        out["candidates"].push_back(c);
      }
      out["usageMetadata"] = usage(prompt, candidate_tokens);
      out["modelVersion"] = call.model;
      out["responseId"] = id;
      send_json(res, out);
      return;
    }

    // Streaming: the first candidate's text in pieces of a few words.
    const bool sse = req.has_param("alt") && req.get_param_value("alt") == "sse";
    std::vector<std::string> pieces;
    {
      const std::string& text = gens[0].text;
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
    }
    std::vector<std::string> events;
    for (size_t i = 0; i < pieces.size(); ++i) {
      const bool last = i + 1 == pieces.size();
      ojson e;
      ojson c;
      c["content"] = ojson{{"parts", ojson::array({ojson{{"text", pieces[i]}}})}, {"role", "model"}};
      if (last) c["finishReason"] = gens[0].finish_reason;
      c["index"] = 0;
      e["candidates"] = ojson::array({c});
      e["usageMetadata"] = usage(prompt, last ? gens[0].tokens : 0);
      e["modelVersion"] = call.model;
      e["responseId"] = id;
      std::string line;
      dump_google_line(e, line);
      events.push_back(std::move(line));
    }
    const bool cut = wants_stream_cut(req);
    const int delay = env_.options().stream_chunk_delay_ms;
    auto index = std::make_shared<size_t>(0);
    res.status = 200;
    res.set_chunked_content_provider(
        sse ? "text/event-stream" : "application/json; charset=UTF-8",
        [events = std::move(events), index, sse, cut, delay](size_t, httplib::DataSink& sink) {
          const size_t i = (*index)++;
          if (i > 0 && delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
          if (cut && i == 1) {
            // Half an event, then the connection drops.
            const std::string partial = "data: " + events[std::min<size_t>(1, events.size() - 1)].substr(0, 20);
            sink.write(partial.data(), partial.size());
            return false;
          }
          if (i >= events.size()) {
            if (!sse) sink.write("]", 1);
            sink.done();
            return true;
          }
          std::string chunk;
          if (sse) {
            chunk = "data: " + events[i] + "\r\n\r\n";
          } else {
            chunk = (i == 0 ? "[" : ",\r\n") + events[i];
          }
          return sink.write(chunk.data(), chunk.size());
        });
  }

  void count(httplib::Response& res, const Call& call) {
    ojson contents = call.body.value("contents", ojson());
    int64_t extra = 0;
    if (call.body.contains("generateContentRequest")) {
      const ojson& g = call.body["generateContentRequest"];
      contents = g.value("contents", ojson());
      if (g.contains("systemInstruction")) extra += TextGenerator::count_tokens(texts_of(ojson::array({g["systemInstruction"]})));
    }
    if (auto e = validate_contents(contents, "CountTokensRequest")) {
      send_error(res, *e);
      return;
    }
    const int64_t n = TextGenerator::count_tokens(texts_of(contents)) + extra;
    ojson out;
    out["totalTokens"] = n;
    out["promptTokensDetails"] = ojson::array({ojson{{"modality", "TEXT"}, {"tokenCount", n}}});
    send_json(res, out);
  }

  void embed(httplib::Response& res, const Call& call, const CatalogModel& m) {
    auto one = [&](const ojson& req, ojson& out) -> bool {
      const ojson content = req.value("content", ojson());
      if (!content.is_object() || texts_of(ojson::array({content})).empty()) {
        send_error(res, invalid_argument("* EmbedContentRequest.content: contents is not specified\n"));
        return false;
      }
      int dims = req.value("outputDimensionality", m.dimensions);
      if (dims <= 0 || dims > m.dimensions) {
        send_error(res, invalid_argument("* EmbedContentRequest.output_dimensionality: must be between 1 and " +
                                         std::to_string(m.dimensions) + "\n"));
        return false;
      }
      out = ojson{{"values", env_.generator().embed(texts_of(ojson::array({content})), dims)}};
      return true;
    };
    ojson out;
    if (call.method == "embedContent") {
      ojson e;
      if (!one(call.body, e)) return;
      out["embedding"] = e;
    } else {
      out["embeddings"] = ojson::array();
      for (const ojson& r : call.body.value("requests", ojson::array())) {
        ojson e;
        if (!one(r, e)) return;
        out["embeddings"].push_back(e);
      }
    }
    send_json(res, out);
  }

  ServerEnv& env_;
};

}  // namespace

void register_generative_language_routes(httplib::Server& server, ServerEnv& env) {
  auto api = std::make_shared<DeveloperApi>(env);
  server.Get(R"(/(v1beta|v1)/models)", [api](const httplib::Request& req, httplib::Response& res) {
    api->list(req, res, req.matches[1]);
  });
  server.Get(R"(/(v1beta|v1)/models/([^/:]+))", [api](const httplib::Request& req, httplib::Response& res) {
    api->get(req, res, req.matches[1], req.matches[2]);
  });
  server.Post(R"(/(v1beta|v1)/models/([^/:]+):(\w+))", [api](const httplib::Request& req, httplib::Response& res) {
    api->method(req, res, Call{req.matches[1], req.matches[2], req.matches[3], ojson()});
  });
}

}  // namespace genai::emulator
