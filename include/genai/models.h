// genai::Models: the model calls of the Gemini APIs, the same on the Developer
// API and Vertex AI. Obtained from Client::models(); cheap to copy.
//
//   genai::Models models = client.models();
//   auto r = models.generate_content("gemini-2.5-flash", "Write a haiku");
//   for (auto& chunk : models.generate_content_stream("gemini-2.5-flash", "A story")) { ... }
//   auto fut = models.generate_content_async("gemini-2.5-flash", "Hi");   // std::future
//   models.generate_content_async("gemini-2.5-flash", contents, {}, [](auto r) { ... });  // callback
//   auto n = models.count_tokens("gemini-2.5-flash", "How many tokens?");
//   auto e = models.embed_content("gemini-embedding-001", {"one", "two"});
//   auto img = models.generate_images("imagen-4.0-generate-001", "A lighthouse", {.number_of_images = 2});
//   auto op = models.generate_videos("veo-3.0-generate-001", {.prompt = "A koi pond"});  // then operations().wait(op)
//   for (auto& m : models.list()) { ... }
//
// Signatures follow the official SDKs: required arguments first, then an
// optional config struct.
#ifndef GENAI_MODELS_H_
#define GENAI_MODELS_H_

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genai/pager.h"
#include "genai/result.h"
#include "genai/stream.h"
#include "genai/types.h"
#include "genai/video.h"

namespace genai {

namespace internal {
class ApiClient;
}

struct ListModelsConfig {
  int page_size = 0;               // 0: the server's default
  std::string page_token;          // start from this page
  // true: Google's base models; false: your tuned models (tunedModels on the
  // Developer API; on Vertex AI the project's models made by tuning jobs).
  bool query_base = true;
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
  std::string filter;           // the list's filter expression, e.g. labels.team=ml
};

struct GetModelConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

// What a tuned model's owner may change (python-genai's UpdateModelConfig).
struct UpdateModelConfig {
  std::optional<std::string> display_name{};
  std::optional<std::string> description{};
  std::optional<std::string> default_checkpoint_id{};  // Vertex AI: the checkpoint the model serves
  RequestOptions http_options{};  // this call's headers, timeout, retry, extra_body (options.h)
};

struct DeleteModelConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

class Models {
 public:
  explicit Models(std::shared_ptr<internal::ApiClient> api);

  Result<GenerateContentResponse> generate_content(std::string_view model, const std::vector<Content>& contents,
                                                   const GenerateContentConfig& config = {}) const;
  Result<GenerateContentResponse> generate_content(std::string_view model, std::string_view prompt,
                                                   const GenerateContentConfig& config = {}) const;

  // Server-sent events (":streamGenerateContent?alt=sse"): each chunk is
  // delivered as soon as it arrives. Iterate the result; cancel() it from any
  // thread to stop.
  Stream<GenerateContentResponse> generate_content_stream(std::string_view model,
                                                          const std::vector<Content>& contents,
                                                          const GenerateContentConfig& config = {}) const;
  Stream<GenerateContentResponse> generate_content_stream(std::string_view model, std::string_view prompt,
                                                          const GenerateContentConfig& config = {}) const;

  // Runs on the client's single libcurl-multi event loop: many requests in
  // flight need no thread each. Retries are scheduled on the same loop.
  std::future<Result<GenerateContentResponse>> generate_content_async(std::string_view model,
                                                                      const std::vector<Content>& contents,
                                                                      const GenerateContentConfig& config = {}) const;
  std::future<Result<GenerateContentResponse>> generate_content_async(std::string_view model,
                                                                      std::string_view prompt,
                                                                      const GenerateContentConfig& config = {}) const;

  // The same call, answered through a callback instead of a future. `on_done`
  // runs exactly once, on the event-loop thread (or at once, on the calling
  // thread, for an error found before sending). It must not block; it may
  // start further calls. This is the cheapest way to keep many requests in
  // flight: no thread is woken per answer, and the response is built and
  // freed on one thread.
  using GenerateContentCallback = Callback<GenerateContentResponse>;
  void generate_content_async(std::string_view model, const std::vector<Content>& contents,
                              const GenerateContentConfig& config, GenerateContentCallback on_done) const;

  // The stream on the event loop, so that many streams need no thread each:
  // `on_chunk` runs on the event-loop thread for each chunk as it arrives;
  // returning false stops the stream, which then ends with kCancelled. Then
  // `on_done` runs exactly once: ok after the last chunk, or the error that
  // ended the stream (at once, on the calling thread, for an error found
  // before sending). Retried, as generate_content_stream is, until the first
  // chunk has arrived, never after. Neither callback may block; they may
  // start further calls. As generate_content_async, it sends one request:
  // automatic function calling is not run (the calls arrive as parts).
  //
  //   models.generate_content_stream_async(model, contents, {},
  //       [](genai::GenerateContentResponse chunk) { std::cout << chunk.text(); return true; },
  //       [](genai::Result<void> end) { if (!end) std::cerr << end.error().to_string(); });
  using ChunkCallback = std::function<bool(GenerateContentResponse chunk)>;
  void generate_content_stream_async(std::string_view model, const std::vector<Content>& contents,
                                     const GenerateContentConfig& config, ChunkCallback on_chunk,
                                     Callback<void> on_done) const;
  // The same, with a future that is ready when the stream has ended.
  std::future<Result<void>> generate_content_stream_async(std::string_view model,
                                                          const std::vector<Content>& contents,
                                                          const GenerateContentConfig& config,
                                                          ChunkCallback on_chunk) const;

  Result<CountTokensResponse> count_tokens(std::string_view model, const std::vector<Content>& contents,
                                           const CountTokensConfig& config = {}) const;
  Result<CountTokensResponse> count_tokens(std::string_view model, std::string_view text,
                                           const CountTokensConfig& config = {}) const;
  // Every call below has the two async forms of generate_content_async: a
  // future, and a callback (genai::Callback<T>, result.h) on the event loop.
  std::future<Result<CountTokensResponse>> count_tokens_async(std::string_view model,
                                                              const std::vector<Content>& contents,
                                                              const CountTokensConfig& config = {}) const;
  void count_tokens_async(std::string_view model, const std::vector<Content>& contents,
                          const CountTokensConfig& config, Callback<CountTokensResponse> on_done) const;

  // Vertex AI only (":computeTokens"): each content's tokens and token ids.
  // On the Developer API an invalid-argument error, nothing sent.
  Result<ComputeTokensResponse> compute_tokens(std::string_view model, const std::vector<Content>& contents,
                                               const ComputeTokensConfig& config = {}) const;
  Result<ComputeTokensResponse> compute_tokens(std::string_view model, std::string_view text,
                                               const ComputeTokensConfig& config = {}) const;
  std::future<Result<ComputeTokensResponse>> compute_tokens_async(std::string_view model,
                                                                  const std::vector<Content>& contents,
                                                                  const ComputeTokensConfig& config = {}) const;
  void compute_tokens_async(std::string_view model, const std::vector<Content>& contents,
                            const ComputeTokensConfig& config, Callback<ComputeTokensResponse> on_done) const;

  // One embedding per content. On the Developer API one content uses
  // :embedContent and several use :batchEmbedContents; on Vertex AI :predict.
  Result<EmbedContentResponse> embed_content(std::string_view model, const std::vector<Content>& contents,
                                             const EmbedContentConfig& config = {}) const;
  Result<EmbedContentResponse> embed_content(std::string_view model, const std::vector<std::string>& texts,
                                             const EmbedContentConfig& config = {}) const;
  std::future<Result<EmbedContentResponse>> embed_content_async(std::string_view model,
                                                                const std::vector<Content>& contents,
                                                                const EmbedContentConfig& config = {}) const;
  void embed_content_async(std::string_view model, const std::vector<Content>& contents,
                           const EmbedContentConfig& config, Callback<EmbedContentResponse> on_done) const;

  // Imagen: ":predict" on both backends. Each generated image carries its
  // decoded bytes (Image::save writes one to disk). Fields that only Vertex
  // AI accepts (seed, negative_prompt, ...) are refused on the Developer API
  // before sending, as python-genai does.
  Result<GenerateImagesResponse> generate_images(std::string_view model, std::string_view prompt,
                                                 const GenerateImagesConfig& config = {}) const;
  std::future<Result<GenerateImagesResponse>> generate_images_async(std::string_view model, std::string_view prompt,
                                                                    const GenerateImagesConfig& config = {}) const;
  void generate_images_async(std::string_view model, std::string_view prompt, const GenerateImagesConfig& config,
                             Callback<GenerateImagesResponse> on_done) const;

  // Veo: ":predictLongRunning" on both backends. Returns at once with an
  // operation that is not done; poll it with client.operations().wait(op)
  // (or get). Fields only Vertex AI accepts are refused on the Developer API
  // before sending, as python-genai does.
  Result<GenerateVideosOperation> generate_videos(std::string_view model, const GenerateVideosSource& source,
                                                  const GenerateVideosConfig& config = {}) const;
  Result<GenerateVideosOperation> generate_videos(std::string_view model, std::string_view prompt,
                                                  const GenerateVideosConfig& config = {}) const;
  std::future<Result<GenerateVideosOperation>> generate_videos_async(std::string_view model,
                                                                     const GenerateVideosSource& source,
                                                                     const GenerateVideosConfig& config = {}) const;
  void generate_videos_async(std::string_view model, const GenerateVideosSource& source,
                             const GenerateVideosConfig& config, Callback<GenerateVideosOperation> on_done) const;

  // Imagen editing (Vertex AI only, e.g. imagen-3.0-capability-001): the
  // prompt refers to the reference images by id ("[1]"). On the Developer
  // API an invalid-argument error, nothing sent (as python-genai).
  Result<EditImageResponse> edit_image(std::string_view model, std::string_view prompt,
                                       const std::vector<ReferenceImage>& reference_images,
                                       const EditImageConfig& config = {}) const;
  std::future<Result<EditImageResponse>> edit_image_async(std::string_view model, std::string_view prompt,
                                                          const std::vector<ReferenceImage>& reference_images,
                                                          const EditImageConfig& config = {}) const;
  void edit_image_async(std::string_view model, std::string_view prompt,
                        const std::vector<ReferenceImage>& reference_images, const EditImageConfig& config,
                        Callback<EditImageResponse> on_done) const;

  // Imagen upscaling (Vertex AI only): `upscale_factor` "x2" or "x4"; one image back.
  Result<UpscaleImageResponse> upscale_image(std::string_view model, const Image& image,
                                             std::string_view upscale_factor,
                                             const UpscaleImageConfig& config = {}) const;
  std::future<Result<UpscaleImageResponse>> upscale_image_async(std::string_view model, const Image& image,
                                                                std::string_view upscale_factor,
                                                                const UpscaleImageConfig& config = {}) const;
  void upscale_image_async(std::string_view model, const Image& image, std::string_view upscale_factor,
                           const UpscaleImageConfig& config, Callback<UpscaleImageResponse> on_done) const;

  // Product recontext (Vertex AI only, imagen-product-recontext-preview-06-30):
  // the product images in a new scene, or on the person (virtual try-on).
  Result<RecontextImageResponse> recontext_image(std::string_view model, const RecontextImageSource& source,
                                                 const RecontextImageConfig& config = {}) const;
  std::future<Result<RecontextImageResponse>> recontext_image_async(std::string_view model,
                                                                    const RecontextImageSource& source,
                                                                    const RecontextImageConfig& config = {}) const;
  void recontext_image_async(std::string_view model, const RecontextImageSource& source,
                             const RecontextImageConfig& config, Callback<RecontextImageResponse> on_done) const;

  // Segmentation (Vertex AI only, image-segmentation-001): masks of what the
  // mode asks for, each with its labels.
  Result<SegmentImageResponse> segment_image(std::string_view model, const SegmentImageSource& source,
                                             const SegmentImageConfig& config = {}) const;
  std::future<Result<SegmentImageResponse>> segment_image_async(std::string_view model,
                                                                const SegmentImageSource& source,
                                                                const SegmentImageConfig& config = {}) const;
  void segment_image_async(std::string_view model, const SegmentImageSource& source, const SegmentImageConfig& config,
                           Callback<SegmentImageResponse> on_done) const;

  Result<Model> get(std::string_view model, const GetModelConfig& config = {}) const;
  std::future<Result<Model>> get_async(std::string_view model, const GetModelConfig& config = {}) const;
  void get_async(std::string_view model, const GetModelConfig& config, Callback<Model> on_done) const;
  Pager<Model> list(const ListModelsConfig& config = {}) const;

  // Tuned models only (Google's base models cannot change): a PATCH of the
  // fields set in `config`, and a DELETE. `model` as a tuning job named it
  // ("projects/.../models/123", "models/123", or "tunedModels/x" on the
  // Developer API).
  Result<Model> update(std::string_view model, const UpdateModelConfig& config) const;
  std::future<Result<Model>> update_async(std::string_view model, const UpdateModelConfig& config) const;
  void update_async(std::string_view model, const UpdateModelConfig& config, Callback<Model> on_done) const;
  // python-genai's `delete`, a keyword in C++.
  Result<void> delete_(std::string_view model, const DeleteModelConfig& config = {}) const;
  std::future<Result<void>> delete_async(std::string_view model, const DeleteModelConfig& config = {}) const;
  void delete_async(std::string_view model, const DeleteModelConfig& config, Callback<void> on_done) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_MODELS_H_
