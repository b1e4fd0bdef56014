// Caches: cachedContents create/get/list/update/delete. The request bodies
// follow python-genai's _CreateCachedContentParameters_to_mldev/_to_vertex and
// _UpdateCachedContentParameters_*: the config's fields at the top level,
// the model completed by caches_model, names by cached_content_name. Update
// is a PATCH of ttl/expireTime without an updateMask, as python-genai sends it.
#include "genai/caches.h"

#include <cstdio>
#include <future>

#include "client/api_client.h"
#include "client/config.h"
#include "core/errors.h"
#include "core/json_types.h"
#include "core/url.h"

namespace genai {

using nlohmann::json;

std::string Duration::format(std::chrono::milliseconds ms) {
  if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + "s";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.%03llds", static_cast<long long>(ms.count() / 1000),
                static_cast<long long>(ms.count() % 1000));
  return buf;
}

namespace internal {
namespace {

CachedContent cached_content_from(json j) {
  CachedContent c;
  c.name = optional_string(j, "name").value_or("");
  c.display_name = optional_string(j, "displayName");
  c.model = optional_string(j, "model").value_or("");
  c.create_time = optional_string(j, "createTime");
  c.update_time = optional_string(j, "updateTime");
  c.expire_time = optional_string(j, "expireTime");
  if (auto it = j.find("usageMetadata"); it != j.end() && it->is_object()) {
    CachedContentUsageMetadata u;
    u.total_token_count = optional_int64(*it, "totalTokenCount");
    u.text_count = optional_int64(*it, "textCount");
    u.image_count = optional_int64(*it, "imageCount");
    u.video_duration_seconds = optional_int64(*it, "videoDurationSeconds");
    u.audio_duration_seconds = optional_int64(*it, "audioDurationSeconds");
    c.usage_metadata = u;
  }
  c.raw = std::move(j);
  return c;
}

Result<CachedContent> parse_cached_content(json j) {
  return parse_guarded<CachedContent>("cachedContent", j, [&] { return cached_content_from(std::move(j)); });
}

void put_expiry(json& body, const std::optional<Duration>& ttl, const std::optional<std::string>& expire_time) {
  if (ttl) body["ttl"] = ttl->value;
  if (expire_time) body["expireTime"] = *expire_time;
}

Result<json> create_body(const ClientConfig& config, std::string_view model, const CreateCachedContentConfig& c) {
  Result<std::string> m = caches_model(config, model);
  if (!m) return std::move(m).error();
  json body = json::object();
  body["model"] = *m;
  put_expiry(body, c.ttl, c.expire_time);
  if (c.display_name) body["displayName"] = *c.display_name;
  if (!c.contents.empty()) body["contents"] = c.contents;
  if (c.system_instruction) body["systemInstruction"] = *c.system_instruction;
  if (!c.tools.empty()) body["tools"] = c.tools;
  if (c.tool_config) body["toolConfig"] = *c.tool_config;
  if (c.kms_key_name) {
    if (!config.vertexai) {
      return invalid_argument("kms_key_name is only supported on Vertex AI, not on the Gemini Developer API",
                              "Remove kms_key_name, or use Vertex AI (ClientOptions::vertexai).");
    }
    body["encryptionSpec"] = json{{"kmsKeyName", *c.kms_key_name}};
  }
  return body;
}

Error empty_name_error() {
  return invalid_argument("the cache name is empty", "Pass a name such as cachedContents/abc123 (from caches().list()).");
}

Result<Request<CachedContent>> create_request(const ApiClient& api, std::string_view model,
                                              const CreateCachedContentConfig& config) {
  if (config.ttl && config.expire_time) return invalid_argument("ttl and expire_time are mutually exclusive", "Set one of them.");
  Result<json> body = create_body(api.config(), model, config);
  if (!body) return std::move(body).error();
  return Request<CachedContent>{"POST", api.resource_path("cachedContents"), std::move(*body), &parse_cached_content};
}

Result<Request<CachedContent>> get_request(const ApiClient& api, std::string_view name) {
  if (name.empty()) return empty_name_error();
  return Request<CachedContent>{"GET", cached_content_name(api.config(), name), std::nullopt, &parse_cached_content};
}

Result<Request<CachedContent>> update_request(const ApiClient& api, std::string_view name,
                                              const UpdateCachedContentConfig& config) {
  if (name.empty()) return empty_name_error();
  if (config.ttl.has_value() == config.expire_time.has_value()) {
    return invalid_argument("update needs exactly one of ttl and expire_time",
                            "Only the expiry of a cache can change: set ttl or expire_time.");
  }
  json body = json::object();
  put_expiry(body, config.ttl, config.expire_time);
  return Request<CachedContent>{"PATCH", cached_content_name(api.config(), name), std::move(body),
                                &parse_cached_content};
}

Result<Request<void>> delete_request(const ApiClient& api, std::string_view name) {
  if (name.empty()) return empty_name_error();
  return Request<void>{"DELETE", cached_content_name(api.config(), name), std::nullopt, &ignore_answer};
}

}  // namespace
}  // namespace internal

Caches::Caches(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Result<CachedContent> Caches::create(std::string_view model, const CreateCachedContentConfig& config) const {
  return internal::run(*api_, internal::create_request(*api_, model, config), config.http_options);
}

std::future<Result<CachedContent>> Caches::create_async(std::string_view model,
                                                        const CreateCachedContentConfig& config) const {
  return internal::future_of<CachedContent>(
      [&](Callback<CachedContent> done) { create_async(model, config, std::move(done)); });
}

void Caches::create_async(std::string_view model, const CreateCachedContentConfig& config,
                          Callback<CachedContent> on_done) const {
  internal::run_async(*api_, internal::create_request(*api_, model, config), config.http_options, std::move(on_done));
}

Result<CachedContent> Caches::get(std::string_view name, const GetCachedContentConfig& config) const {
  return internal::run(*api_, internal::get_request(*api_, name), config.http_options);
}

std::future<Result<CachedContent>> Caches::get_async(std::string_view name, const GetCachedContentConfig& config) const {
  return internal::future_of<CachedContent>([&](Callback<CachedContent> done) { get_async(name, config, std::move(done)); });
}

void Caches::get_async(std::string_view name, const GetCachedContentConfig& config,
                       Callback<CachedContent> on_done) const {
  internal::run_async(*api_, internal::get_request(*api_, name), config.http_options, std::move(on_done));
}

Result<CachedContent> Caches::update(std::string_view name, const UpdateCachedContentConfig& config) const {
  return internal::run(*api_, internal::update_request(*api_, name, config), config.http_options);
}

std::future<Result<CachedContent>> Caches::update_async(std::string_view name,
                                                        const UpdateCachedContentConfig& config) const {
  return internal::future_of<CachedContent>(
      [&](Callback<CachedContent> done) { update_async(name, config, std::move(done)); });
}

void Caches::update_async(std::string_view name, const UpdateCachedContentConfig& config,
                          Callback<CachedContent> on_done) const {
  internal::run_async(*api_, internal::update_request(*api_, name, config), config.http_options, std::move(on_done));
}

Result<void> Caches::delete_(std::string_view name, const DeleteCachedContentConfig& config) const {
  return internal::run(*api_, internal::delete_request(*api_, name), config.http_options);
}

std::future<Result<void>> Caches::delete_async(std::string_view name, const DeleteCachedContentConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { delete_async(name, config, std::move(done)); });
}

void Caches::delete_async(std::string_view name, const DeleteCachedContentConfig& config,
                          Callback<void> on_done) const {
  internal::run_async(*api_, internal::delete_request(*api_, name), config.http_options, std::move(on_done));
}

Pager<CachedContent> Caches::list(const ListCachedContentsConfig& config) const {
  const std::string path = api_->resource_path("cachedContents");
  const int page_size = config.page_size;
  return internal::request_pager<CachedContent>(
      api_, config.http_options, config.page_token,
      [path, page_size](const std::string& token) -> Result<internal::Request<Page<CachedContent>>> {
        return internal::Request<Page<CachedContent>>{
            "GET", path + internal::list_query(page_size, token), std::nullopt, [](json resp) {
              return internal::parse_list_page<CachedContent>(std::move(resp), "cachedContents.list response",
                                                              "cachedContents", &internal::cached_content_from);
            }};
      });
}

}  // namespace genai
