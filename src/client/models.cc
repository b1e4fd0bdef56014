// Models: request building and response mapping per backend. Backend
// differences (URL shape, embeddings via :predict on Vertex AI) are kept in
// this file's small converters; the methods themselves stay backend-agnostic.
#include "genai/models.h"

#include <future>

#include "client/api_client.h"
#include "client/config.h"
#include "client/function_calling.h"
#include "client/response_stream.h"
#include "core/errors.h"
#include "core/image_json.h"
#include "core/json_types.h"
#include "core/url.h"

namespace genai {

using nlohmann::json;

namespace {

std::vector<Content> contents_from_text(std::string_view text) { return {Content::from_text(text)}; }

}  // namespace

Models::Models(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

namespace internal {
namespace {

// "<resource path>:<method>" for a model, e.g.
// "models/gemini-2.5-flash:generateContent" or
// "projects/p/locations/l/publishers/google/models/gemini-2.5-flash:generateContent".
Result<std::string> model_method_path(const ApiClient& api, std::string_view model, std::string_view method) {
  Result<std::string> resource = model_resource(api.config(), model);
  if (!resource) return resource;
  return api.resource_path(*resource) + ":" + std::string(method);
}

Result<std::string> model_get_path(const ApiClient& api, std::string_view model) {
  Result<std::string> resource = model_resource(api.config(), model);
  if (!resource) return resource;
  return api.resource_path(*resource);
}

// The request body, with the cache name completed for the backend
// (python-genai applies t_cached_content_name to cached_content).
// A field the backend does not take is refused before sending, as python-genai does.
Result<json> generate_body(const ApiClient& api, const std::vector<Content>& contents,
                           const GenerateContentConfig& config) {
  if (std::optional<Error> e = unsupported_generate_config(api.config().vertexai, config)) return std::move(*e);
  json body = generate_content_request_body(contents, config);
  if (config.cached_content) body["cachedContent"] = cached_content_name(api.config(), *config.cached_content);
  return body;
}

Error empty_contents_error() {
  return invalid_argument("contents are empty", "Pass at least one prompt or Content.");
}

}  // namespace
}  // namespace internal

Result<GenerateContentResponse> Models::generate_content(std::string_view model, const std::vector<Content>& contents,
                                                         const GenerateContentConfig& config) const {
  if (contents.empty()) return internal::empty_contents_error();
  if (internal::automatic_function_calling_enabled(config)) {
    return internal::generate_with_functions(*this, model, contents, config);
  }
  Result<std::string> path = internal::model_method_path(*api_, model, "generateContent");
  if (!path) return std::move(path).error();
  const Result<json> body = internal::generate_body(*api_, contents, config);
  if (!body) return body.error();
  Result<json> resp = api_->call("POST", *path, &*body);
  if (!resp) return std::move(resp).error();
  return internal::parse_generate_content_answer(std::move(*resp));
}

Result<GenerateContentResponse> Models::generate_content(std::string_view model, std::string_view prompt,
                                                         const GenerateContentConfig& config) const {
  return generate_content(model, contents_from_text(prompt), config);
}

Stream<GenerateContentResponse> Models::generate_content_stream(std::string_view model,
                                                                const std::vector<Content>& contents,
                                                                const GenerateContentConfig& config) const {
  if (contents.empty()) return Stream<GenerateContentResponse>::failed(internal::empty_contents_error());
  if (internal::automatic_function_calling_enabled(config)) {
    return internal::stream_with_functions(*this, model, contents, config);
  }
  Result<std::string> path = internal::model_method_path(*api_, model, "streamGenerateContent");
  if (!path) return Stream<GenerateContentResponse>::failed(std::move(path).error());
  const Result<json> body = internal::generate_body(*api_, contents, config);
  if (!body) return Stream<GenerateContentResponse>::failed(body.error());
  Result<std::unique_ptr<HttpStream>> http = api_->open_stream("POST", *path + "?alt=sse", *body);
  if (!http) return Stream<GenerateContentResponse>::failed(std::move(http).error());
  return internal::make_response_stream(std::move(*http), api_->http_options().max_event_bytes,
                                        api_->http_options().stream_idle_timeout);
}

Stream<GenerateContentResponse> Models::generate_content_stream(std::string_view model, std::string_view prompt,
                                                                const GenerateContentConfig& config) const {
  return generate_content_stream(model, contents_from_text(prompt), config);
}

void Models::generate_content_async(std::string_view model, const std::vector<Content>& contents,
                                    const GenerateContentConfig& config, GenerateContentCallback on_done) const {
  if (contents.empty()) return on_done(internal::empty_contents_error());
  Result<std::string> path = internal::model_method_path(*api_, model, "generateContent");
  if (!path) return on_done(std::move(path).error());
  Result<json> body = internal::generate_body(*api_, contents, config);
  if (!body) return on_done(std::move(body).error());
  api_->call_async("POST", *path, std::move(*body),
                   [on_done = std::move(on_done)](Result<json> resp) {
                     if (!resp) return on_done(std::move(resp).error());
                     on_done(internal::parse_generate_content_answer(std::move(*resp)));
                   });
}

std::future<Result<GenerateContentResponse>> Models::generate_content_async(
    std::string_view model, const std::vector<Content>& contents, const GenerateContentConfig& config) const {
  auto promise = std::make_shared<std::promise<Result<GenerateContentResponse>>>();
  std::future<Result<GenerateContentResponse>> future = promise->get_future();
  generate_content_async(model, contents, config,
                         [promise](Result<GenerateContentResponse> r) { promise->set_value(std::move(r)); });
  return future;
}

std::future<Result<GenerateContentResponse>> Models::generate_content_async(std::string_view model,
                                                                            std::string_view prompt,
                                                                            const GenerateContentConfig& config) const {
  return generate_content_async(model, contents_from_text(prompt), config);
}

Result<CountTokensResponse> Models::count_tokens(std::string_view model, const std::vector<Content>& contents,
                                                 const CountTokensConfig& config) const {
  if (contents.empty()) return internal::empty_contents_error();
  Result<std::string> resource = internal::model_resource(api_->config(), model);
  if (!resource) return std::move(resource).error();
  const std::string path = api_->resource_path(*resource) + ":countTokens";
  const json body = internal::count_tokens_request_body(api_->config().vertexai, *resource, contents, config);
  Result<json> resp = api_->call("POST", path, &body);
  if (!resp) return std::move(resp).error();
  return internal::parse_count_tokens_response(std::move(*resp));
}

Result<CountTokensResponse> Models::count_tokens(std::string_view model, std::string_view text,
                                                 const CountTokensConfig& config) const {
  return count_tokens(model, contents_from_text(text), config);
}

Result<EmbedContentResponse> Models::embed_content(std::string_view model, const std::vector<Content>& contents,
                                                   const EmbedContentConfig& config) const {
  if (contents.empty()) return internal::empty_contents_error();
  Result<std::string> resource = internal::model_resource(api_->config(), model);
  if (!resource) return std::move(resource).error();
  if (api_->config().vertexai) {
    // Vertex AI serves text embeddings through :predict.
    const json body = internal::vertex_embed_request_body(contents, config);
    const std::string path = api_->resource_path(*resource) + ":predict";
    Result<json> resp = api_->call("POST", path, &body);
    if (!resp) return std::move(resp).error();
    return internal::parse_vertex_embed_response(std::move(*resp));
  }
  const bool batch = contents.size() > 1;
  const json body = internal::embed_request_body(*resource, contents, config, batch);
  const std::string path = *resource + (batch ? ":batchEmbedContents" : ":embedContent");
  Result<json> resp = api_->call("POST", path, &body);
  if (!resp) return std::move(resp).error();
  return internal::parse_embed_content_response(std::move(*resp));
}

Result<EmbedContentResponse> Models::embed_content(std::string_view model, const std::vector<std::string>& texts,
                                                   const EmbedContentConfig& config) const {
  std::vector<Content> contents;
  contents.reserve(texts.size());
  for (const std::string& t : texts) contents.push_back(Content::from_text(t));
  return embed_content(model, contents, config);
}

Result<GenerateImagesResponse> Models::generate_images(std::string_view model, std::string_view prompt,
                                                       const GenerateImagesConfig& config) const {
  Result<json> body = internal::generate_images_request_body(api_->config().vertexai, prompt, config);
  if (!body) return std::move(body).error();
  Result<std::string> path = internal::model_method_path(*api_, model, "predict");
  if (!path) return std::move(path).error();
  Result<json> resp = api_->call("POST", *path, &*body);
  if (!resp) return std::move(resp).error();
  return internal::parse_generate_images_response(std::move(*resp));
}

Result<Model> Models::get(std::string_view model) const {
  Result<std::string> path = internal::model_get_path(*api_, model);
  if (!path) return std::move(path).error();
  Result<json> resp = api_->call("GET", *path, nullptr);
  if (!resp) return std::move(resp).error();
  return internal::parse_model(std::move(*resp));
}

Pager<Model> Models::list(const ListModelsConfig& config) const {
  std::shared_ptr<internal::ApiClient> api = api_;
  const ListModelsConfig cfg = config;
  bool first = true;
  return Pager<Model>([api, cfg, first](const std::string& token) mutable -> Result<Page<Model>> {
    std::string path = api->config().vertexai ? "publishers/google/models" : "models";
    const std::string page_token = first && token.empty() ? cfg.page_token : token;
    first = false;
    const bool base_only = api->config().vertexai && !cfg.query_base;
    Result<json> resp = api->call("GET", path + internal::list_query(cfg.page_size, page_token,
                                                                     base_only ? "queryBase=false" : ""),
                                  nullptr);
    if (!resp) return std::move(resp).error();
    return internal::parse_list_models_response(std::move(*resp));
  });
}

}  // namespace genai
