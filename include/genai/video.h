// Veo video generation: the types of Models::generate_videos, named as
// python-genai's (GenerateVideosSource, GenerateVideosConfig, Video,
// GeneratedVideo, GenerateVideosOperation). Generation is a long-running
// operation: generate_videos returns at once with an operation that is not
// done; Operations::wait (operations.h) polls it until it is.
//
//   genai::GenerateVideosConfig cfg;
//   cfg.aspect_ratio = "16:9";
//   cfg.duration_seconds = 8;
//   auto op = client.models().generate_videos("veo-3.0-generate-001", {.prompt = "A koi pond at dawn"}, cfg).value();
//   op = client.operations().wait(op).value();          // polls with backoff
//   op.result->generated_videos[0].video->save("koi.mp4").value();
#ifndef GENAI_VIDEO_H_
#define GENAI_VIDEO_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/error.h"
#include "genai/image.h"
#include "genai/raw_json.h"
#include "genai/result.h"

namespace genai {

namespace internal {
class ApiClient;
}

// A video: its bytes, or where it is (python-genai's types.Video). On the
// Developer API a generated video comes as a download `uri` (fetched with
// the client's API key); on Vertex AI as bytes, or a gs:// `uri` with
// output_gcs_uri.
struct Video {
  std::optional<std::string> uri;
  std::string video_bytes;  // raw, not base64
  std::string mime_type;    // "video/mp4"

  // Reads a video file (to extend it, on Vertex AI); the MIME type is
  // detected from the content unless given.
  static Result<Video> from_file(const std::string& path, std::string_view mime_type = {});

  // The bytes: video_bytes if present, else downloaded from `uri` through the
  // client that generated this video (Developer API: the API key header,
  // never in the URL; the client's transport, retries and limits). A gs://
  // URI is an error naming it (read it with Cloud Storage).
  Result<std::string> bytes() const;

  // Writes bytes() to `path` atomically (a temporary file, then a rename; a
  // failure leaves nothing behind). With overwrite=false an existing `path`
  // is an error. Mode 0644.
  Result<void> save(const std::string& path, bool overwrite = true) const;

  // Set by the library on the videos it returns, so bytes() can download;
  // not part of the value.
  std::shared_ptr<internal::ApiClient> downloader;
};

// What to generate from: a prompt, a first frame, or a video to extend (at
// least one; a prompt may go with either).
struct GenerateVideosSource {
  std::optional<std::string> prompt;
  std::optional<Image> image;  // the first frame
  std::optional<Video> video;  // extend this video (Developer API: one it generated, by uri)
};

// Veo request options; unset fields are not sent. Names and wire mapping as
// python-genai's GenerateVideosConfig ("parameters" of :predictLongRunning).
// Fields marked Vertex AI only are refused on the Developer API before
// anything is sent, as python-genai does.
struct GenerateVideosConfig {
  std::optional<int> number_of_videos;          // "sampleCount"
  std::optional<std::string> output_gcs_uri;    // Vertex AI only ("storageUri"): videos go to Cloud Storage
  std::optional<int> fps;                       // Vertex AI only
  std::optional<int> duration_seconds;          // e.g. 4, 6, 8
  std::optional<int> seed;                      // Vertex AI only
  std::optional<std::string> aspect_ratio;      // "16:9", "9:16"
  std::optional<std::string> resolution;        // "720p", "1080p"
  std::optional<std::string> person_generation; // "dont_allow", "allow_adult", "allow_all"
  std::optional<std::string> pubsub_topic;      // Vertex AI only
  std::optional<std::string> negative_prompt;
  std::optional<bool> enhance_prompt;
  std::optional<bool> generate_audio;           // Vertex AI only
  std::optional<Image> last_frame;              // the last frame (with an image as the first)
  std::optional<std::string> compression_quality;  // Vertex AI only: "OPTIMIZED", "LOSSLESS"
  std::map<std::string, std::string> labels;    // Vertex AI only
  std::optional<std::string> resize_mode;       // Vertex AI only: "pad", "crop"

  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

struct GeneratedVideo {
  std::optional<Video> video;
};

struct GenerateVideosResponse {
  std::vector<GeneratedVideo> generated_videos;
  std::optional<int> rai_media_filtered_count;       // videos withheld by safety filters
  std::vector<std::string> rai_media_filtered_reasons;
};

// A Veo long-running operation. `done` false: still running (poll it with
// Operations::get or wait). Done: `result` holds the videos, or `error` why
// it failed (Google's google.rpc.Status as an Error: status, message, HTTP
// code that status maps to).
struct GenerateVideosOperation {
  std::string name;  // "models/veo-3.0-generate-001/operations/..." or "projects/.../operations/..."
  bool done = false;
  std::optional<Error> error;
  std::optional<GenerateVideosResponse> result;
  nlohmann::json metadata;  // as received, null when absent
  RawJson raw;    // the operation as received
};

}  // namespace genai

#endif  // GENAI_VIDEO_H_
