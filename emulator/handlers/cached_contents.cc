// cachedContents on the Developer API (/v1beta/cachedContents, an API key's
// project owns its caches) and Vertex AI
// (/v1beta1/projects/{p}/locations/{l}/cachedContents, IAM
// aiplatform.cachedContents.*), with the same authentication, API enablement
// and IAM checks as generateContent. Expiry runs on the emulator's clock, so
// POST /emulator/v1/clock:advance expires a cache without a sleep.
#include "emulator/handlers/cached_contents.h"

#include <cstdio>
#include <algorithm>
#include <ctime>
#include <variant>
#include <regex>

#include "emulator/backend/generator.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/paging.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/caches.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;
using std::chrono::system_clock;

// protobuf Duration JSON: "3600s", "3.5s", "-1s".
std::optional<std::chrono::nanoseconds> parse_duration(const std::string& s) {
  static const std::regex re(R"((-?)(\d{1,12})(?:\.(\d{1,9}))?s)");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  std::string frac = m[3].matched ? m[3].str() : "0";
  frac.resize(9, '0');
  const auto d = std::chrono::seconds(std::stoll(m[2])) + std::chrono::nanoseconds(std::stoll(frac));
  return m[1] == "-" ? -d : d;
}

// The expiry a body asks for: now + ttl, or expireTime; `fallback` if neither.
std::variant<system_clock::time_point, GoogleError> expiry_of(const ojson& body, system_clock::time_point now,
                                                              std::optional<system_clock::time_point> fallback) {
  const bool has_ttl = body.contains("ttl");
  const bool has_expire = body.contains("expireTime");
  if (has_ttl && has_expire) return cached_content_bad_expiry("Only one of ttl and expire_time may be set.");
  if (has_ttl) {
    const std::string v = body["ttl"].is_string() ? body["ttl"].get<std::string>() : body["ttl"].dump();
    const auto d = parse_duration(v);
    if (!d) return cached_content_bad_duration(v);
    if (d->count() <= 0) return cached_content_bad_expiry("ttl must be positive.");
    return now + std::chrono::duration_cast<system_clock::duration>(*d);
  }
  if (has_expire) {
    const std::string v = body["expireTime"].is_string() ? body["expireTime"].get<std::string>() : body["expireTime"].dump();
    const auto t = parse_rfc3339(v);
    if (!t) return cached_content_bad_timestamp(v);
    if (*t <= now) return cached_content_bad_expiry("expire_time must be in the future.");
    return *t;
  }
  if (fallback) return *fallback;
  return cached_content_bad_expiry("Either ttl or expire_time must be set.");
}

std::string model_resource(const CachedEntry& e) {
  return e.vertex ? e.parent + "publishers/google/models/" + e.model : "models/" + e.model;
}

ojson resource_json(const CachedEntry& e) {
  ojson j;
  j["name"] = e.parent + "cachedContents/" + e.id;
  j["model"] = model_resource(e);
  j["createTime"] = rfc3339_nanos(e.create_time);
  j["updateTime"] = rfc3339_nanos(e.update_time);
  j["expireTime"] = rfc3339_nanos(e.expire_time);
  j["displayName"] = e.display_name;
  ojson usage;
  usage["totalTokenCount"] = e.tokens;
  if (e.vertex) usage["textCount"] = static_cast<int64_t>(texts_of(e.contents).size());
  j["usageMetadata"] = usage;
  return j;
}

// Where the routes found a request: the backend and, on Vertex AI, the parent.
struct CacheRoute {
  std::string version;
  bool vertex = false;
  std::string project;   // Vertex AI: from the URL
  std::string location;  // Vertex AI: from the URL
  std::string id;        // empty for create and list
};

class CacheApi {
 public:
  explicit CacheApi(ServerEnv& env) : env_(env), methods_(env) {}

  // Authorizes `rpc` (e.g. "CreateCachedContent") and fills `call`; false when an error was sent.
  bool admit(const Request& req, Response& res, const CacheRoute& r, const std::string& rpc,
             const std::string& verb, GeminiCall& call) {
    AccessCheck c;
    call.version = r.version;
    call.vertex = r.vertex;
    call.method = ascii_lower(rpc.substr(0, 1)) + rpc.substr(1);  // "createCachedContent": picks the body's fields
    if (r.vertex) {
      c.service = kAiPlatform;
      c.api_method = "google.cloud.aiplatform." + r.version + ".GenAiCacheService." + rpc;
      c.permission = "aiplatform.cachedContents." + verb;
      const std::optional<Project> project = env_.state().project(r.project);
      c.resource_project = project ? project->id : r.project;
      c.allow_api_key = false;
      c.resource = "//aiplatform.googleapis.com/projects/" + r.project + "/locations/" + r.location + "/cachedContents" +
                   (r.id.empty() ? "" : "/" + r.id);
    } else {
      c.service = kGenerativeLanguage;
      c.api_method = "google.ai.generativelanguage." + r.version + ".CacheService." + rpc;
    }
    return methods_.admit(req, res, c, &call);
  }

  std::string parent(const CacheRoute& r) const {
    if (!r.vertex) return "";
    const std::optional<Project> project = env_.state().project(r.project);
    return "projects/" + (project ? project->number : r.project) + "/locations/" + r.location + "/";
  }

  void create(const Request& req, Response& res, const CacheRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "CreateCachedContent", "create", call)) return;
    const ojson& b = call.body;  // admit() checked its names against CachedContent
    const std::string model = b.value("model", "");
    if (model.empty()) return send_error(res, invalid_argument("* CachedContent.model: model is required\n"));
    const size_t at = model.rfind("models/");
    const std::string id = at == std::string::npos ? model : model.substr(at + 7);
    const CatalogModel* m = find_model(id);
    if (!m || m->embedding) {
      return send_error(res, r.vertex ? vertex_model_not_found(model) : model_not_found(model, r.version, "createCachedContent"));
    }
    const auto now = env_.clock().now();
    auto expire = expiry_of(b, now, now + std::chrono::hours(1));  // Google's default TTL: one hour
    if (auto* e = std::get_if<GoogleError>(&expire)) return send_error(res, *e);
    CachedEntry e;
    e.owner = call.owner;
    e.vertex = r.vertex;
    e.parent = parent(r);
    e.model = id;
    e.display_name = b.value("displayName", "");
    e.contents = b.value("contents", ojson::array());
    if (!e.contents.is_array()) return send_error(res, invalid_argument("* CachedContent.contents: must be a list\n"));
    e.system_instruction = b.value("systemInstruction", ojson());
    e.tools = b.value("tools", ojson());
    e.tool_config = b.value("toolConfig", ojson());
    e.tokens = TextGenerator::count_tokens(texts_of(e.contents));
    if (e.system_instruction.is_object()) e.tokens += TextGenerator::count_tokens(texts_of(ojson::array({e.system_instruction})));
    if (env_.options().min_cache_tokens > 0 && e.tokens < env_.options().min_cache_tokens) {
      return send_error(res, cached_content_too_small(e.tokens, env_.options().min_cache_tokens));
    }
    e.create_time = e.update_time = now;
    e.expire_time = std::get<system_clock::time_point>(expire);
    send_json(res, resource_json(env_.caches().create(std::move(e))));
  }

  void get(const Request& req, Response& res, const CacheRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "GetCachedContent", "get", call)) return;
    auto e = env_.caches().get(call.owner, r.id, env_.clock().now());
    if (!e || e->vertex != r.vertex) return send_error(res, cached_content_not_found(r.vertex, r.id));
    send_json(res, resource_json(*e));
  }

  void update(const Request& req, Response& res, const CacheRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "UpdateCachedContent", "update", call)) return;
    // Only the expiry can change, with or without an updateMask naming it.
    if (req.has_param("updateMask")) {
      std::string mask = req.get_param_value("updateMask");
      for (size_t start = 0; start <= mask.size();) {
        size_t comma = mask.find(',', start);
        if (comma == std::string::npos) comma = mask.size();
        const std::string path = mask.substr(start, comma - start);
        if (path != "ttl" && path != "expireTime" && path != "expire_time") {
          return send_error(res, invalid_argument("Updating " + path + " is not supported: only ttl and expire_time can be updated."));
        }
        start = comma + 1;
      }
    }
    for (auto it = call.body.begin(); it != call.body.end(); ++it) {
      if (it.key() != "ttl" && it.key() != "expireTime" && it.key() != "name") {
        return send_error(res, invalid_argument("Updating " + it.key() + " is not supported: only ttl and expire_time can be updated."));
      }
    }
    const auto now = env_.clock().now();
    auto expire = expiry_of(call.body, now, std::nullopt);
    if (auto* e = std::get_if<GoogleError>(&expire)) return send_error(res, *e);
    auto e = env_.caches().set_expiry(call.owner, r.id, std::get<system_clock::time_point>(expire), now);
    if (!e || e->vertex != r.vertex) return send_error(res, cached_content_not_found(r.vertex, r.id));
    send_json(res, resource_json(*e));
  }

  void remove(const Request& req, Response& res, const CacheRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "DeleteCachedContent", "delete", call)) return;
    const auto now = env_.clock().now();
    auto e = env_.caches().get(call.owner, r.id, now);
    if (!e || e->vertex != r.vertex || !env_.caches().remove(call.owner, r.id, now)) {
      return send_error(res, cached_content_not_found(r.vertex, r.id));
    }
    send_json(res, ojson::object());
  }

  void list(const Request& req, Response& res, const CacheRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "ListCachedContents", "list", call)) return;
    const std::optional<PageWindow> page = read_page_window(req, "cc-", 100);
    if (!page) return send_error(res, invalid_argument("Invalid page token."));
    const std::vector<CachedEntry> all = env_.caches().list(call.owner, r.vertex, env_.clock().now());
    ojson out = ojson::object();  // Google leaves an empty list out
    for (size_t i = page->start; i < all.size() && i < page->start + page->size; ++i) {
      out["cachedContents"].push_back(resource_json(all[i]));
    }
    if (std::string next = next_page_token(*page, all.size(), "cc-"); !next.empty()) out["nextPageToken"] = next;
    send_json(res, out);
  }

 private:
  ServerEnv& env_;
  GeminiMethods methods_;
};

}  // namespace

std::optional<GoogleError> apply_cached_content(ServerEnv& env, GeminiCall& call, CacheUse& use) {
  ojson& b = call.body;
  if (!b.contains("cachedContent")) return std::nullopt;
  const std::string name = b["cachedContent"].is_string() ? b["cachedContent"].get<std::string>() : "";
  const std::string id = name.substr(name.rfind('/') + 1);
  if (b.contains("systemInstruction") || b.contains("tools") || b.contains("toolConfig")) {
    return cached_content_with_request_fields(call.vertex);
  }
  const auto e = env.caches().get(call.owner, id, env.clock().now());
  if (!e || e->vertex != call.vertex || name.find("cachedContents/") == std::string::npos) {
    return cached_content_not_found(call.vertex, id);
  }
  if (e->model != call.model) {
    CachedEntry asked = *e;
    asked.model = call.model;
    return cached_content_model_mismatch(model_resource(asked), model_resource(*e));
  }
  ojson contents = e->contents;
  for (const ojson& c : b["contents"]) contents.push_back(c);
  b["contents"] = std::move(contents);
  if (e->system_instruction.is_object()) b["systemInstruction"] = e->system_instruction;
  if (!e->tools.is_null()) b["tools"] = e->tools;
  if (!e->tool_config.is_null()) b["toolConfig"] = e->tool_config;
  b.erase("cachedContent");
  use.tokens = e->tokens;
  use.text = texts_of(e->contents);
  return std::nullopt;
}

void register_cached_contents_routes(Router& router, ServerEnv& env) {
  auto api = std::make_shared<CacheApi>(env);
  using Req = const Request&;
  using Res = Response&;
  constexpr const char* kDev = R"(/(v1beta|v1)/cachedContents)";
  constexpr const char* kVertex = R"(/(v1beta1|v1)/projects/([^/]+)/locations/([^/]+)/cachedContents)";
  auto dev = [](Req req, bool with_id) { return CacheRoute{req.matches[1], false, "", "", with_id ? req.matches[2] : std::string()}; };
  auto vertex = [](Req req, bool with_id) {
    return CacheRoute{req.matches[1], true, req.matches[2], req.matches[3], with_id ? req.matches[4] : std::string()};
  };
  const std::string dev_id = std::string(kDev) + "/([^/:]+)";
  const std::string vertex_id = std::string(kVertex) + "/([^/:]+)";
  router.post(kDev, [api, dev](Req req, Res res) { api->create(req, res, dev(req, false)); });
  router.get(kDev, [api, dev](Req req, Res res) { api->list(req, res, dev(req, false)); });
  router.get(dev_id, [api, dev](Req req, Res res) { api->get(req, res, dev(req, true)); });
  router.patch(dev_id, [api, dev](Req req, Res res) { api->update(req, res, dev(req, true)); });
  router.del(dev_id, [api, dev](Req req, Res res) { api->remove(req, res, dev(req, true)); });
  router.post(kVertex, [api, vertex](Req req, Res res) { api->create(req, res, vertex(req, false)); });
  router.get(kVertex, [api, vertex](Req req, Res res) { api->list(req, res, vertex(req, false)); });
  router.get(vertex_id, [api, vertex](Req req, Res res) { api->get(req, res, vertex(req, true)); });
  router.patch(vertex_id, [api, vertex](Req req, Res res) { api->update(req, res, vertex(req, true)); });
  router.del(vertex_id, [api, vertex](Req req, Res res) { api->remove(req, res, vertex(req, true)); });
}

}  // namespace genai::emulator
