// genai::Storage: gs:// URIs, the endpoint, and the object calls (get, list,
// remove). Uploads and downloads are in storage_transfer.cc.
#include "genai/storage.h"

#include <array>
#include <cstdlib>
#include <functional>
#include <future>

#include "client/api_client.h"
#include "client/storage_internal.h"
#include "core/errors.h"
#include "core/url.h"

namespace genai {
namespace {

const std::array<std::uint32_t, 256>& crc32c_table() {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ 0x82F63B78u : (c >> 1);
      t[i] = c;
    }
    return t;
  }();
  return table;
}

// STORAGE_EMULATOR_HOST is "host:port" in Google's libraries' examples, or
// a URL; either way a base URL comes out.
std::string storage_endpoint(const StorageOptions& options) {
  std::string url = options.base_url;
  if (url.empty()) {
    const char* env = std::getenv("STORAGE_EMULATOR_HOST");
    if (env && *env) url = env;
  }
  if (url.empty()) return "https://storage.googleapis.com";
  if (url.find("://") == std::string::npos) url = "http://" + url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::uint32_t crc32c(std::uint32_t crc, std::string_view data) {
  const auto& table = crc32c_table();
  crc = ~crc;
  for (unsigned char c : data) crc = table[(crc ^ c) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

Result<GcsUri> GcsUri::parse(std::string_view uri) {
  constexpr std::string_view kScheme = "gs://";
  if (uri.substr(0, kScheme.size()) != kScheme) {
    return internal::invalid_argument("'" + std::string(uri) + "' is not a Cloud Storage URI",
                                      "Write it as gs://BUCKET/OBJECT, e.g. gs://my-bucket/data/input.jsonl.");
  }
  std::string_view rest = uri.substr(kScheme.size());
  const size_t slash = rest.find('/');
  GcsUri out;
  out.bucket = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) out.object = std::string(rest.substr(slash + 1));
  if (out.bucket.empty() || out.bucket.find_first_of(" ?#%\\") != std::string::npos) {
    return internal::invalid_argument("'" + std::string(uri) + "' has no valid bucket name",
                                      "Write it as gs://BUCKET/OBJECT, e.g. gs://my-bucket/data/input.jsonl.");
  }
  return out;
}

std::string GcsUri::to_string() const { return "gs://" + bucket + (object.empty() ? "" : "/" + object); }

namespace internal {

std::string storage_object_path(const std::string& name) {
  // A name of "." or ".." would be removed from the URL as a dot segment;
  // sent encoded, the server sees (and refuses) it as it is.
  if (name == "." || name == "..") return name == "." ? "%2E" : "%2E%2E";
  return url_encode(name);
}

StorageObject storage_object_from_json(const nlohmann::json& j) {
  StorageObject o;
  o.bucket = j.value("bucket", "");
  o.name = j.value("name", "");
  const auto number = [&](const char* field) -> std::int64_t {
    if (!j.contains(field)) return 0;
    const nlohmann::json& v = j[field];
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_string()) return std::strtoll(v.get<std::string>().c_str(), nullptr, 10);
    return 0;
  };
  o.generation = number("generation");
  o.size = static_cast<std::uint64_t>(number("size"));
  o.content_type = j.value("contentType", "");
  o.md5_hash = j.value("md5Hash", "");
  o.crc32c = j.value("crc32c", "");
  o.time_created = j.value("timeCreated", "");
  o.updated = j.value("updated", "");
  if (j.contains("metadata") && j["metadata"].is_object()) {
    for (const auto& [k, v] : j["metadata"].items()) o.metadata[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  o.raw = j;
  return o;
}

Result<StorageObject> storage_object_from_response(const HttpResponse& response) {
  Result<nlohmann::json> j = json_from_response(response);
  if (!j) return std::move(j).error();
  if (!j->is_object() || !j->contains("name")) {
    return unexpected_response("Cloud Storage answered without an object resource");
  }
  return storage_object_from_json(*j);
}

Result<void> storage_can_call(const ApiClient& api) {
  if (api.config().credential_kind == CredentialKind::kApiKey) {
    return invalid_argument("Cloud Storage takes OAuth credentials; this client has an API key",
                            "Use Vertex AI credentials (a service account, `gcloud auth application-default "
                            "login`, or the metadata server) for gs:// URIs.");
  }
  return {};
}

}  // namespace internal

Storage::Storage(std::shared_ptr<internal::ApiClient> api, StorageOptions options)
    : api_(std::move(api)), base_url_(storage_endpoint(options)) {}

namespace {

// One object call, described once and run blocking or on the event loop:
// the request (or why it cannot be sent) and how to read a 2xx answer.
template <typename T>
struct RawCall {
  Result<HttpRequest> request;
  std::function<Result<T>(const HttpResponse&)> parse;
};

template <typename T>
Result<T> run(internal::ApiClient& api, RawCall<T> call, const RequestOptions& options) {
  if (!call.request) return std::move(call.request).error();
  Result<HttpResponse> res = api.send_raw(std::move(*call.request), options);
  if (!res) return std::move(res).error();
  return call.parse(*res);
}

template <typename T>
void run_async(internal::ApiClient& api, RawCall<T> call, const RequestOptions& options, Callback<T> done) {
  if (!call.request) return done(std::move(call.request).error());
  api.send_raw_async(std::move(*call.request), options,
                     [parse = std::move(call.parse), done = std::move(done)](Result<HttpResponse> res) {
                       if (!res) return done(std::move(res).error());
                       done(parse(*res));
                     });
}

// A GET or DELETE of the object `gs_uri` names.
Result<HttpRequest> object_request(const internal::ApiClient& api, const std::string& base, const char* method,
                                   std::string_view gs_uri) {
  Result<GcsUri> uri = GcsUri::parse(gs_uri);
  if (!uri) return std::move(uri).error();
  if (Result<void> ok = internal::storage_can_call(api); !ok) return std::move(ok).error();
  HttpRequest req;
  req.method = method;
  req.url = base + "/storage/v1/b/" + uri->bucket + "/o/" + internal::storage_object_path(uri->object);
  return req;
}

RawCall<StorageObject> get_call(const internal::ApiClient& api, const std::string& base, std::string_view gs_uri) {
  return {object_request(api, base, "GET", gs_uri), internal::storage_object_from_response};
}

RawCall<void> remove_call(const internal::ApiClient& api, const std::string& base, std::string_view gs_uri) {
  return {object_request(api, base, "DELETE", gs_uri), [](const HttpResponse&) { return Result<void>(); }};
}

// One page of objects.list under `uri`'s prefix.
Result<HttpRequest> list_request(const internal::ApiClient& api, const std::string& base, const Result<GcsUri>& uri,
                                 const StorageListConfig& config, const std::string& token) {
  if (!uri) return uri.error();
  if (Result<void> ok = internal::storage_can_call(api); !ok) return std::move(ok).error();
  std::string query = "?prefix=" + internal::url_encode(uri->object);
  if (!token.empty()) query += "&pageToken=" + internal::url_encode(token);
  if (config.page_size > 0) query += "&maxResults=" + std::to_string(config.page_size);
  if (!config.delimiter.empty()) query += "&delimiter=" + internal::url_encode(config.delimiter);
  HttpRequest req;
  req.method = "GET";
  req.url = base + "/storage/v1/b/" + uri->bucket + "/o" + query;
  return req;
}

RawCall<Page<StorageObject>> list_call(const internal::ApiClient& api, const std::string& base,
                                       const Result<GcsUri>& uri, const StorageListConfig& config,
                                       const std::string& token) {
  return {list_request(api, base, uri, config, token), [](const HttpResponse& res) -> Result<Page<StorageObject>> {
            Result<nlohmann::json> j = internal::json_from_response(res);
            if (!j) return std::move(j).error();
            return internal::parse_list_page<StorageObject>(std::move(*j), "the Cloud Storage object list", "items",
                                                            internal::storage_object_from_json);
          }};
}

}  // namespace

Result<StorageObject> Storage::get(std::string_view gs_uri, const RequestOptions& http_options) {
  return run(*api_, get_call(*api_, base_url_, gs_uri), http_options);
}

void Storage::get_async(std::string_view gs_uri, const RequestOptions& http_options, Callback<StorageObject> on_done) {
  run_async(*api_, get_call(*api_, base_url_, gs_uri), http_options, std::move(on_done));
}

std::future<Result<StorageObject>> Storage::get_async(std::string_view gs_uri, const RequestOptions& http_options) {
  return internal::future_of<StorageObject>(
      [&](Callback<StorageObject> done) { get_async(gs_uri, http_options, std::move(done)); });
}

Result<void> Storage::remove(std::string_view gs_uri, const RequestOptions& http_options) {
  return run(*api_, remove_call(*api_, base_url_, gs_uri), http_options);
}

void Storage::remove_async(std::string_view gs_uri, const RequestOptions& http_options, Callback<void> on_done) {
  run_async(*api_, remove_call(*api_, base_url_, gs_uri), http_options, std::move(on_done));
}

std::future<Result<void>> Storage::remove_async(std::string_view gs_uri, const RequestOptions& http_options) {
  return internal::future_of<void>([&](Callback<void> done) { remove_async(gs_uri, http_options, std::move(done)); });
}

Pager<StorageObject> Storage::list(std::string_view gs_prefix, StorageListConfig config) {
  Result<GcsUri> uri = GcsUri::parse(gs_prefix);
  return Pager<StorageObject>(
      [api = api_, base = base_url_, uri, config](const std::string& token) {
        return run(*api, list_call(*api, base, uri, config, token), config.http_options);
      },
      [api = api_, base = base_url_, uri, config](const std::string& token, Callback<Page<StorageObject>> done) {
        run_async(*api, list_call(*api, base, uri, config, token), config.http_options, std::move(done));
      });
}

}  // namespace genai
