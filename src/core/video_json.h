// Internal: the wire mapping of Veo's generate_videos (:predictLongRunning on
// both backends) and of its operation, as python-genai's
// _GenerateVideosParameters_to_mldev/_to_vertex and
// _GenerateVideosOperation_from_mldev/_from_vertex.
#ifndef GENAI_SRC_CORE_VIDEO_JSON_H_
#define GENAI_SRC_CORE_VIDEO_JSON_H_

#include <nlohmann/json.hpp>

#include "genai/result.h"
#include "genai/video.h"

namespace genai::internal {

// {"instances":[{"prompt","image","video","lastFrame"}],"parameters":{...}}
// (+ "labels" on Vertex AI). On the Developer API the fields python-genai
// refuses there are an error, before anything is sent; so is a source with
// neither prompt, image nor video.
Result<nlohmann::json> generate_videos_request_body(bool vertexai, const GenerateVideosSource& source,
                                                    const GenerateVideosConfig& config);

// An operation as either backend sends it: the Developer API's
// response.generateVideoResponse.generatedSamples[].video{uri,encodedVideo,encoding},
// Vertex AI's response.videos[]{gcsUri,bytesBase64Encoded,mimeType}; "error"
// (google.rpc.Status) becomes an Error.
Result<GenerateVideosOperation> parse_generate_videos_operation(bool vertexai, nlohmann::json j);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_VIDEO_JSON_H_
