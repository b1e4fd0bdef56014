// Models: request building and response mapping per backend. Backend
// differences (URL shape, embeddings via :predict on Vertex AI) are kept in
// this file's small converters; the methods themselves stay backend-agnostic.
#include "genai/models.h"

#include <future>

#include "client/api_client.h"
#include "client/config.h"
#include "client/function_calling.h"
#include "client/generate_body.h"
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

}  // namespace

namespace {

// config.cached_content completed for the backend (python-genai applies
// t_cached_content_name to it), once a field the backend does not take was
// refused before sending, as python-genai does.
Result<std::optional<std::string>> checked_cache_name(const ApiClient& api, const GenerateContentConfig& config) {
  if (std::optional<Error> e = unsupported_generate_config(api.config().vertexai, config)) return std::move(*e);
  if (!config.cached_content) return std::optional<std::string>();
  return std::optional<std::string>(cached_content_name(api.config(), *config.cached_content));
}

}  // namespace

Result<json> generate_body(const ApiClient& api, const std::vector<Content>& contents,
                           const GenerateContentConfig& config) {
  Result<std::optional<std::string>> cache = checked_cache_name(api, config);
  if (!cache) return std::move(cache).error();
  return generate_content_request_body(contents, config, *cache);
}

namespace {

Error empty_contents_error() {
  return invalid_argument("contents are empty", "Pass at least one prompt or Content.");
}

}  // namespace
}  // namespace internal

namespace internal {
namespace {

// The calls of this file, each described once (api_client.h's Request) and
// run by the blocking and the async forms alike.

// The body of a generateContent call, streamed or not, into `dom` or
// `text` (as Request holds it): written without a DOM, unless text in it is
// not UTF-8; the DOM's way then gives the error that names the field.
Result<void> fill_generate_body(const ApiClient& api, const std::vector<Content>& contents,
                                const GenerateContentConfig& config, std::optional<json>& dom, std::string& text) {
  Result<std::optional<std::string>> cache = checked_cache_name(api, config);
  if (!cache) return std::move(cache).error();
  if (std::optional<std::string> written = write_generate_content_request(contents, config, *cache)) {
    text = std::move(*written);
  } else {
    dom = generate_content_request_body(contents, config, *cache);
  }
  return {};
}

// streamGenerateContent as SSE, for the blocking and the async stream.
struct StreamCall {
  std::string path;
  std::optional<json> body;
  std::string written_body;
};

Result<StreamCall> stream_call(const ApiClient& api, std::string_view model, const std::vector<Content>& contents,
                               const GenerateContentConfig& config) {
  Result<std::string> path = model_method_path(api, model, "streamGenerateContent");
  if (!path) return std::move(path).error();
  StreamCall call{*path + "?alt=sse", std::nullopt, {}};
  if (Result<void> body = fill_generate_body(api, contents, config, call.body, call.written_body); !body) {
    return std::move(body).error();
  }
  return call;
}

Result<Request<GenerateContentResponse>> generate_request(const ApiClient& api, std::string_view model,
                                                          const std::vector<Content>& contents,
                                                          const GenerateContentConfig& config) {
  if (contents.empty()) return empty_contents_error();
  Result<std::string> path = model_method_path(api, model, "generateContent");
  if (!path) return std::move(path).error();
  Request<GenerateContentResponse> request{"POST", std::move(*path), std::nullopt, &parse_generate_content_answer,
                                           [](std::string& answer) -> std::optional<Result<GenerateContentResponse>> {
                                             return read_generate_content_response(answer, true);
                                           }};
  if (Result<void> body = fill_generate_body(api, contents, config, request.body, request.written_body); !body) {
    return std::move(body).error();
  }
  return request;
}

Result<Request<CountTokensResponse>> count_tokens_request(const ApiClient& api, std::string_view model,
                                                          const std::vector<Content>& contents,
                                                          const CountTokensConfig& config) {
  if (contents.empty()) return empty_contents_error();
  Result<std::string> resource = model_resource(api.config(), model);
  if (!resource) return std::move(resource).error();
  return Request<CountTokensResponse>{"POST", api.resource_path(*resource) + ":countTokens",
                                      count_tokens_request_body(api.config().vertexai, *resource, contents, config),
                                      &parse_count_tokens_response};
}

// python-genai refuses these on the Developer API before sending.
Error vertex_only_method(const char* method) {
  return invalid_argument(std::string(method) + " is only supported on Vertex AI, not on the Gemini Developer API",
                          "Use a Vertex AI client (ClientOptions::vertexai).");
}

Result<Request<ComputeTokensResponse>> compute_tokens_request(const ApiClient& api, std::string_view model,
                                                              const std::vector<Content>& contents) {
  if (!api.config().vertexai) return vertex_only_method("compute_tokens");
  if (contents.empty()) return empty_contents_error();
  Result<std::string> path = model_method_path(api, model, "computeTokens");
  if (!path) return std::move(path).error();
  return Request<ComputeTokensResponse>{"POST", std::move(*path), json{{"contents", contents}},
                                        &parse_compute_tokens_response};
}

// One content uses :embedContent and several :batchEmbedContents on the
// Developer API; Vertex AI serves text embeddings through :predict.
Result<Request<EmbedContentResponse>> embed_request(const ApiClient& api, std::string_view model,
                                                    const std::vector<Content>& contents,
                                                    const EmbedContentConfig& config) {
  if (contents.empty()) return empty_contents_error();
  Result<std::string> resource = model_resource(api.config(), model);
  if (!resource) return std::move(resource).error();
  if (api.config().vertexai) {
    return Request<EmbedContentResponse>{"POST", api.resource_path(*resource) + ":predict",
                                         vertex_embed_request_body(contents, config), &parse_vertex_embed_response};
  }
  const bool batch = contents.size() > 1;
  return Request<EmbedContentResponse>{"POST", *resource + (batch ? ":batchEmbedContents" : ":embedContent"),
                                       embed_request_body(*resource, contents, config, batch),
                                       &parse_embed_content_response};
}

Result<Request<GenerateImagesResponse>> images_request(const ApiClient& api, std::string_view model,
                                                       std::string_view prompt, const GenerateImagesConfig& config) {
  Result<json> body = generate_images_request_body(api.config().vertexai, prompt, config);
  if (!body) return std::move(body).error();
  Result<std::string> path = model_method_path(api, model, "predict");
  if (!path) return std::move(path).error();
  return Request<GenerateImagesResponse>{"POST", std::move(*path), std::move(*body), &parse_generate_images_response};
}

// A Vertex AI only :predict call (the Imagen edits): refused on the
// Developer API before its body is built, as python-genai refuses it.
template <typename T, typename BuildBody>
Result<Request<T>> vertex_predict(const ApiClient& api, const char* method, std::string_view model,
                                  BuildBody build_body, Result<T> (*parse)(json)) {
  if (!api.config().vertexai) return vertex_only_method(method);
  Result<json> body = build_body();
  if (!body) return std::move(body).error();
  Result<std::string> path = model_method_path(api, model, "predict");
  if (!path) return std::move(path).error();
  return Request<T>{"POST", std::move(*path), std::move(*body), parse};
}

Result<Request<EditImageResponse>> edit_request(const ApiClient& api, std::string_view model, std::string_view prompt,
                                                const std::vector<ReferenceImage>& references,
                                                const EditImageConfig& config) {
  return vertex_predict<EditImageResponse>(
      api, "edit_image", model, [&] { return edit_image_request_body(prompt, references, config); },
      &parse_generate_images_response);
}

Result<Request<UpscaleImageResponse>> upscale_request(const ApiClient& api, std::string_view model, const Image& image,
                                                      std::string_view factor, const UpscaleImageConfig& config) {
  return vertex_predict<UpscaleImageResponse>(
      api, "upscale_image", model, [&] { return upscale_image_request_body(image, factor, config); },
      &parse_generate_images_response);
}

Result<Request<RecontextImageResponse>> recontext_request(const ApiClient& api, std::string_view model,
                                                          const RecontextImageSource& source,
                                                          const RecontextImageConfig& config) {
  return vertex_predict<RecontextImageResponse>(
      api, "recontext_image", model, [&] { return recontext_image_request_body(source, config); },
      &parse_generate_images_response);
}

Result<Request<SegmentImageResponse>> segment_request(const ApiClient& api, std::string_view model,
                                                      const SegmentImageSource& source,
                                                      const SegmentImageConfig& config) {
  return vertex_predict<SegmentImageResponse>(
      api, "segment_image", model, [&] { return segment_image_request_body(source, config); },
      &parse_segment_image_response);
}

Result<Request<Model>> get_model_request(const ApiClient& api, std::string_view model) {
  Result<std::string> path = model_get_path(api, model);
  if (!path) return std::move(path).error();
  return Request<Model>{"GET", std::move(*path), std::nullopt, &parse_model};
}

// python-genai's _UpdateModelParameters_to_*: the set fields at the top level, no updateMask.
Result<Request<Model>> update_model_request(const ApiClient& api, std::string_view model,
                                            const UpdateModelConfig& config) {
  Result<std::string> path = model_get_path(api, model);
  if (!path) return std::move(path).error();
  json body = json::object();
  if (config.display_name) body["displayName"] = *config.display_name;
  if (config.description) body["description"] = *config.description;
  if (config.default_checkpoint_id) {
    if (!api.config().vertexai) {
      return invalid_argument("default_checkpoint_id is only supported on Vertex AI",
                              "Leave UpdateModelConfig::default_checkpoint_id unset on the Gemini Developer API.");
    }
    body["defaultCheckpointId"] = *config.default_checkpoint_id;
  }
  if (body.empty() && config.http_options.extra_body.empty()) {
    return invalid_argument("nothing to update", "Set display_name, description or default_checkpoint_id.");
  }
  return Request<Model>{"PATCH", std::move(*path), std::move(body), &parse_model};
}

Result<Request<void>> delete_model_request(const ApiClient& api, std::string_view model) {
  Result<std::string> path = model_get_path(api, model);
  if (!path) return std::move(path).error();
  return Request<void>{"DELETE", std::move(*path), std::nullopt, &ignore_answer};
}

std::vector<Content> texts_as_contents(const std::vector<std::string>& texts) {
  std::vector<Content> contents;
  contents.reserve(texts.size());
  for (const std::string& t : texts) contents.push_back(Content::from_text(t));
  return contents;
}

}  // namespace
}  // namespace internal

Result<GenerateContentResponse> Models::generate_content(std::string_view model, const std::vector<Content>& contents,
                                                         const GenerateContentConfig& config) const {
  if (!contents.empty() && internal::automatic_function_calling_enabled(config)) {
    return internal::generate_with_functions(*this, model, contents, config);
  }
  return internal::run(*api_, internal::generate_request(*api_, model, contents, config), config.http_options);
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
  Result<internal::StreamCall> call = internal::stream_call(*api_, model, contents, config);
  if (!call) return Stream<GenerateContentResponse>::failed(std::move(call).error());
  Result<std::unique_ptr<HttpStream>> http =
      api_->open_stream("POST", call->path, internal::body_of(*call), config.http_options);
  if (!http) return Stream<GenerateContentResponse>::failed(std::move(http).error());
  return internal::make_response_stream(std::move(*http), api_->http_options().max_event_bytes,
                                        api_->http_options().stream_idle_timeout);
}

Stream<GenerateContentResponse> Models::generate_content_stream(std::string_view model, std::string_view prompt,
                                                                const GenerateContentConfig& config) const {
  return generate_content_stream(model, contents_from_text(prompt), config);
}

void Models::generate_content_stream_async(std::string_view model, const std::vector<Content>& contents,
                                           const GenerateContentConfig& config, ChunkCallback on_chunk,
                                           Callback<void> on_done) const {
  if (contents.empty()) return on_done(internal::empty_contents_error());
  if (!on_chunk) return on_done(internal::invalid_argument("generate_content_stream_async needs a chunk callback"));
  Result<internal::StreamCall> call = internal::stream_call(*api_, model, contents, config);
  if (!call) return on_done(std::move(call).error());
  // Shared by the two callbacks, which run one after the other on the loop.
  auto decoder = std::make_shared<internal::ChunkDecoder>();
  auto on_event = [decoder, on_chunk = std::move(on_chunk)](std::string data) -> Result<void> {
    Result<GenerateContentResponse> chunk = decoder->decode(std::move(data));
    if (!chunk) return std::move(chunk).error();
    if (!on_chunk(std::move(*chunk))) return internal::cancelled_error("the chunk callback stopped the stream");
    return {};
  };
  auto done = [decoder, on_done = std::move(on_done)](Result<void> end) {
    on_done(end ? decoder->at_end() : std::move(end));
  };
  api_->stream_async("POST", call->path, internal::body_of(*call), config.http_options, std::move(on_event),
                     std::move(done));
}

std::future<Result<void>> Models::generate_content_stream_async(std::string_view model,
                                                                const std::vector<Content>& contents,
                                                                const GenerateContentConfig& config,
                                                                ChunkCallback on_chunk) const {
  return internal::future_of<void>([&](Callback<void> done) {
    generate_content_stream_async(model, contents, config, std::move(on_chunk), std::move(done));
  });
}

void Models::generate_content_async(std::string_view model, const std::vector<Content>& contents,
                                    const GenerateContentConfig& config, GenerateContentCallback on_done) const {
  internal::run_async(*api_, internal::generate_request(*api_, model, contents, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<GenerateContentResponse>> Models::generate_content_async(
    std::string_view model, const std::vector<Content>& contents, const GenerateContentConfig& config) const {
  return internal::future_of<GenerateContentResponse>(
      [&](Callback<GenerateContentResponse> done) { generate_content_async(model, contents, config, std::move(done)); });
}

std::future<Result<GenerateContentResponse>> Models::generate_content_async(std::string_view model,
                                                                            std::string_view prompt,
                                                                            const GenerateContentConfig& config) const {
  return generate_content_async(model, contents_from_text(prompt), config);
}

Result<CountTokensResponse> Models::count_tokens(std::string_view model, const std::vector<Content>& contents,
                                                 const CountTokensConfig& config) const {
  return internal::run(*api_, internal::count_tokens_request(*api_, model, contents, config), config.http_options);
}

Result<CountTokensResponse> Models::count_tokens(std::string_view model, std::string_view text,
                                                 const CountTokensConfig& config) const {
  return count_tokens(model, contents_from_text(text), config);
}

void Models::count_tokens_async(std::string_view model, const std::vector<Content>& contents,
                                const CountTokensConfig& config, Callback<CountTokensResponse> on_done) const {
  internal::run_async(*api_, internal::count_tokens_request(*api_, model, contents, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<CountTokensResponse>> Models::count_tokens_async(std::string_view model,
                                                                    const std::vector<Content>& contents,
                                                                    const CountTokensConfig& config) const {
  return internal::future_of<CountTokensResponse>(
      [&](Callback<CountTokensResponse> done) { count_tokens_async(model, contents, config, std::move(done)); });
}

Result<ComputeTokensResponse> Models::compute_tokens(std::string_view model, const std::vector<Content>& contents,
                                                     const ComputeTokensConfig& config) const {
  return internal::run(*api_, internal::compute_tokens_request(*api_, model, contents), config.http_options);
}

Result<ComputeTokensResponse> Models::compute_tokens(std::string_view model, std::string_view text,
                                                     const ComputeTokensConfig& config) const {
  return compute_tokens(model, contents_from_text(text), config);
}

void Models::compute_tokens_async(std::string_view model, const std::vector<Content>& contents,
                                  const ComputeTokensConfig& config, Callback<ComputeTokensResponse> on_done) const {
  internal::run_async(*api_, internal::compute_tokens_request(*api_, model, contents), config.http_options,
                      std::move(on_done));
}

std::future<Result<ComputeTokensResponse>> Models::compute_tokens_async(std::string_view model,
                                                                        const std::vector<Content>& contents,
                                                                        const ComputeTokensConfig& config) const {
  return internal::future_of<ComputeTokensResponse>(
      [&](Callback<ComputeTokensResponse> done) { compute_tokens_async(model, contents, config, std::move(done)); });
}

Result<EmbedContentResponse> Models::embed_content(std::string_view model, const std::vector<Content>& contents,
                                                   const EmbedContentConfig& config) const {
  return internal::run(*api_, internal::embed_request(*api_, model, contents, config), config.http_options);
}

Result<EmbedContentResponse> Models::embed_content(std::string_view model, const std::vector<std::string>& texts,
                                                   const EmbedContentConfig& config) const {
  return embed_content(model, internal::texts_as_contents(texts), config);
}

void Models::embed_content_async(std::string_view model, const std::vector<Content>& contents,
                                 const EmbedContentConfig& config, Callback<EmbedContentResponse> on_done) const {
  internal::run_async(*api_, internal::embed_request(*api_, model, contents, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<EmbedContentResponse>> Models::embed_content_async(std::string_view model,
                                                                      const std::vector<Content>& contents,
                                                                      const EmbedContentConfig& config) const {
  return internal::future_of<EmbedContentResponse>(
      [&](Callback<EmbedContentResponse> done) { embed_content_async(model, contents, config, std::move(done)); });
}

Result<GenerateImagesResponse> Models::generate_images(std::string_view model, std::string_view prompt,
                                                       const GenerateImagesConfig& config) const {
  return internal::run(*api_, internal::images_request(*api_, model, prompt, config), config.http_options);
}

void Models::generate_images_async(std::string_view model, std::string_view prompt, const GenerateImagesConfig& config,
                                   Callback<GenerateImagesResponse> on_done) const {
  internal::run_async(*api_, internal::images_request(*api_, model, prompt, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<GenerateImagesResponse>> Models::generate_images_async(std::string_view model,
                                                                          std::string_view prompt,
                                                                          const GenerateImagesConfig& config) const {
  return internal::future_of<GenerateImagesResponse>(
      [&](Callback<GenerateImagesResponse> done) { generate_images_async(model, prompt, config, std::move(done)); });
}

Result<EditImageResponse> Models::edit_image(std::string_view model, std::string_view prompt,
                                             const std::vector<ReferenceImage>& reference_images,
                                             const EditImageConfig& config) const {
  return internal::run(*api_, internal::edit_request(*api_, model, prompt, reference_images, config),
                       config.http_options);
}

void Models::edit_image_async(std::string_view model, std::string_view prompt,
                              const std::vector<ReferenceImage>& reference_images, const EditImageConfig& config,
                              Callback<EditImageResponse> on_done) const {
  internal::run_async(*api_, internal::edit_request(*api_, model, prompt, reference_images, config),
                      config.http_options, std::move(on_done));
}

std::future<Result<EditImageResponse>> Models::edit_image_async(std::string_view model, std::string_view prompt,
                                                                const std::vector<ReferenceImage>& reference_images,
                                                                const EditImageConfig& config) const {
  return internal::future_of<EditImageResponse>([&](Callback<EditImageResponse> done) {
    edit_image_async(model, prompt, reference_images, config, std::move(done));
  });
}

Result<UpscaleImageResponse> Models::upscale_image(std::string_view model, const Image& image,
                                                   std::string_view upscale_factor,
                                                   const UpscaleImageConfig& config) const {
  return internal::run(*api_, internal::upscale_request(*api_, model, image, upscale_factor, config),
                       config.http_options);
}

void Models::upscale_image_async(std::string_view model, const Image& image, std::string_view upscale_factor,
                                 const UpscaleImageConfig& config, Callback<UpscaleImageResponse> on_done) const {
  internal::run_async(*api_, internal::upscale_request(*api_, model, image, upscale_factor, config),
                      config.http_options, std::move(on_done));
}

std::future<Result<UpscaleImageResponse>> Models::upscale_image_async(std::string_view model, const Image& image,
                                                                      std::string_view upscale_factor,
                                                                      const UpscaleImageConfig& config) const {
  return internal::future_of<UpscaleImageResponse>([&](Callback<UpscaleImageResponse> done) {
    upscale_image_async(model, image, upscale_factor, config, std::move(done));
  });
}

Result<RecontextImageResponse> Models::recontext_image(std::string_view model, const RecontextImageSource& source,
                                                       const RecontextImageConfig& config) const {
  return internal::run(*api_, internal::recontext_request(*api_, model, source, config), config.http_options);
}

void Models::recontext_image_async(std::string_view model, const RecontextImageSource& source,
                                   const RecontextImageConfig& config,
                                   Callback<RecontextImageResponse> on_done) const {
  internal::run_async(*api_, internal::recontext_request(*api_, model, source, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<RecontextImageResponse>> Models::recontext_image_async(std::string_view model,
                                                                          const RecontextImageSource& source,
                                                                          const RecontextImageConfig& config) const {
  return internal::future_of<RecontextImageResponse>([&](Callback<RecontextImageResponse> done) {
    recontext_image_async(model, source, config, std::move(done));
  });
}

Result<SegmentImageResponse> Models::segment_image(std::string_view model, const SegmentImageSource& source,
                                                   const SegmentImageConfig& config) const {
  return internal::run(*api_, internal::segment_request(*api_, model, source, config), config.http_options);
}

void Models::segment_image_async(std::string_view model, const SegmentImageSource& source,
                                 const SegmentImageConfig& config, Callback<SegmentImageResponse> on_done) const {
  internal::run_async(*api_, internal::segment_request(*api_, model, source, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<SegmentImageResponse>> Models::segment_image_async(std::string_view model,
                                                                      const SegmentImageSource& source,
                                                                      const SegmentImageConfig& config) const {
  return internal::future_of<SegmentImageResponse>([&](Callback<SegmentImageResponse> done) {
    segment_image_async(model, source, config, std::move(done));
  });
}

Result<Model> Models::get(std::string_view model, const GetModelConfig& config) const {
  return internal::run(*api_, internal::get_model_request(*api_, model), config.http_options);
}

void Models::get_async(std::string_view model, const GetModelConfig& config, Callback<Model> on_done) const {
  internal::run_async(*api_, internal::get_model_request(*api_, model), config.http_options, std::move(on_done));
}

std::future<Result<Model>> Models::get_async(std::string_view model, const GetModelConfig& config) const {
  return internal::future_of<Model>([&](Callback<Model> done) { get_async(model, config, std::move(done)); });
}

Result<Model> Models::update(std::string_view model, const UpdateModelConfig& config) const {
  return internal::run(*api_, internal::update_model_request(*api_, model, config), config.http_options);
}

void Models::update_async(std::string_view model, const UpdateModelConfig& config, Callback<Model> on_done) const {
  internal::run_async(*api_, internal::update_model_request(*api_, model, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<Model>> Models::update_async(std::string_view model, const UpdateModelConfig& config) const {
  return internal::future_of<Model>([&](Callback<Model> done) { update_async(model, config, std::move(done)); });
}

Result<void> Models::delete_(std::string_view model, const DeleteModelConfig& config) const {
  return internal::run(*api_, internal::delete_model_request(*api_, model), config.http_options);
}

void Models::delete_async(std::string_view model, const DeleteModelConfig& config, Callback<void> on_done) const {
  internal::run_async(*api_, internal::delete_model_request(*api_, model), config.http_options, std::move(on_done));
}

std::future<Result<void>> Models::delete_async(std::string_view model, const DeleteModelConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { delete_async(model, config, std::move(done)); });
}

Pager<Model> Models::list(const ListModelsConfig& config) const {
  // python-genai's t_models_url, and on Vertex AI its filter for tuned models.
  const bool vertex = api_->config().vertexai;
  const std::string path = config.query_base ? (vertex ? "publishers/google/models" : "models")
                                             : (vertex ? api_->resource_path("models") : "tunedModels");
  std::string filter = config.filter;
  if (vertex && !config.query_base) {
    filter = filter.empty() ? "labels.tune-type:*" : "(" + filter + ") AND labels.tune-type:*";
  }
  const std::string extra = filter.empty() ? "" : "filter=" + internal::url_encode(filter);
  const int page_size = config.page_size;
  return internal::request_pager<Model>(
      api_, config.http_options, config.page_token,
      [path, extra, page_size](const std::string& token) -> Result<internal::Request<Page<Model>>> {
        return internal::Request<Page<Model>>{"GET", path + internal::list_query(page_size, token, extra), std::nullopt,
                                              &internal::parse_list_models_response};
      });
}

}  // namespace genai
