// Veo: Models::generate_videos (:predictLongRunning on both backends) and the
// Video type's bytes()/save(), which download a Developer API video through
// the client that generated it.
#include <utility>

#include "client/api_client.h"
#include "client/config.h"
#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/media_files.h"
#include "core/video_json.h"
#include "genai/models.h"

namespace genai {

using nlohmann::json;

namespace internal {

Result<GenerateVideosOperation> parse_operation(const std::shared_ptr<ApiClient>& api, bool vertexai, json answer) {
  Result<GenerateVideosOperation> op = parse_generate_videos_operation(vertexai, std::move(answer));
  // Each video of a Developer API operation downloads itself with the
  // client's credentials.
  if (op && op->result) {
    for (GeneratedVideo& g : op->result->generated_videos) {
      if (g.video) g.video->downloader = api;
    }
  }
  return op;
}

}  // namespace internal

namespace internal {
namespace {

Result<Request<GenerateVideosOperation>> videos_request(const std::shared_ptr<ApiClient>& api, std::string_view model,
                                                        const GenerateVideosSource& source,
                                                        const GenerateVideosConfig& config) {
  const bool vertexai = api->config().vertexai;
  Result<json> body = generate_videos_request_body(vertexai, source, config);
  if (!body) return std::move(body).error();
  Result<std::string> resource = model_resource(api->config(), model);
  if (!resource) return std::move(resource).error();
  return Request<GenerateVideosOperation>{
      "POST", api->resource_path(*resource) + ":predictLongRunning", std::move(*body),
      // Weak: a call in flight must not keep a destroyed client alive.
      [weak = std::weak_ptr<ApiClient>(api), vertexai](json answer) {
        return parse_operation(weak.lock(), vertexai, std::move(answer));
      }};
}

}  // namespace
}  // namespace internal

Result<GenerateVideosOperation> Models::generate_videos(std::string_view model, const GenerateVideosSource& source,
                                                        const GenerateVideosConfig& config) const {
  return internal::run(*api_, internal::videos_request(api_, model, source, config), config.http_options);
}

void Models::generate_videos_async(std::string_view model, const GenerateVideosSource& source,
                                   const GenerateVideosConfig& config, Callback<GenerateVideosOperation> on_done) const {
  internal::run_async(*api_, internal::videos_request(api_, model, source, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<GenerateVideosOperation>> Models::generate_videos_async(std::string_view model,
                                                                           const GenerateVideosSource& source,
                                                                           const GenerateVideosConfig& config) const {
  return internal::future_of<GenerateVideosOperation>([&](Callback<GenerateVideosOperation> done) {
    generate_videos_async(model, source, config, std::move(done));
  });
}

Result<GenerateVideosOperation> Models::generate_videos(std::string_view model, std::string_view prompt,
                                                        const GenerateVideosConfig& config) const {
  GenerateVideosSource source;
  source.prompt = std::string(prompt);
  return generate_videos(model, source, config);
}

Result<Video> Video::from_file(const std::string& path, std::string_view mime_type) {
  Result<std::string> bytes = internal::read_media_file(path, kMaxInlineDataBytes);
  if (!bytes) return std::move(bytes).error();
  Video v;
  v.mime_type = mime_type.empty() ? detect_mime_type(*bytes) : std::string(mime_type);
  v.video_bytes = std::move(*bytes);
  return v;
}

Result<std::string> Video::bytes() const {
  if (!video_bytes.empty()) return video_bytes;
  if (!uri) return internal::local_error("FAILED_PRECONDITION", "the video has neither bytes nor a URI");
  if (uri->rfind("gs://", 0) == 0) {
    return internal::local_error("FAILED_PRECONDITION", "the video is in Cloud Storage: " + *uri,
                                 "Read it with Cloud Storage (gcloud storage cp " + *uri + " .).");
  }
  // Only the file's name is taken from the URI: the request goes to the
  // client's own base URL with its API key, never to a host the answer named.
  const auto at = uri->find("/files/");
  std::string id = at == std::string::npos ? std::string() : uri->substr(at + 7);
  id = id.substr(0, id.find_first_of(":?/"));
  if (id.empty()) {
    return internal::local_error("FAILED_PRECONDITION", "the video URI " + *uri + " does not name a file",
                                 "Download it yourself; libgenai fetches only files/{id} URIs of the Gemini API.");
  }
  if (!downloader) {
    return internal::local_error("FAILED_PRECONDITION", "the video at " + *uri + " has no client to download it with",
                                 "Use a Video returned by Models::generate_videos or Operations::get/wait.");
  }
  return downloader->download("files/" + id + ":download?alt=media");
}

Result<void> Video::save(const std::string& path, bool overwrite) const {
  Result<std::string> b = bytes();
  if (!b) return std::move(b).error();
  return internal::write_file_atomically(path, *b, overwrite);
}

}  // namespace genai
