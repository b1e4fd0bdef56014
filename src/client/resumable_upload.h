// Internal: Google's resumable upload protocol, the one loop behind every
// upload to the Gemini Developer API (Files::upload and
// FileSearchStores::upload_to_file_search_store), as python-genai's
// upload_file and js-genai's uploader speak it:
//
//   POST {base}/upload/{version}/{what}   X-Goog-Upload-Command: start, the JSON metadata
//     → X-Goog-Upload-URL, X-Goog-Upload-Status: active
//   POST {upload url}  X-Goog-Upload-Command: upload | upload, finalize, X-Goog-Upload-Offset: N
//     → X-Goog-Upload-Status: active | final (+ the resource's JSON)
//
// The loop is a state machine (client/transfer.h), run blocking or on the
// event loop. Each chunk is one request sent without the pipeline's own retries: a chunk
// that fails (reset, 5xx, timeout, an answer without a status) is not sent
// again blindly, as the server may hold part of it. The upload asks the
// server (X-Goog-Upload-Command: query → X-Goog-Upload-Size-Received) and
// resumes from there, pausing as the client's one RetryPolicy says and
// giving up when it says so; the attempts count again after each chunk that
// gets through.
#ifndef GENAI_SRC_CLIENT_RESUMABLE_UPLOAD_H_
#define GENAI_SRC_CLIENT_RESUMABLE_UPLOAD_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>

#include <nlohmann/json.hpp>

#include "genai/options.h"
#include "genai/result.h"
#include "genai/upload.h"

namespace genai::internal {

class ApiClient;

struct ResumableUpload {
  // The path under /upload/{version}/: "files", "fileSearchStores/abc:uploadToFileSearchStore".
  std::string path;
  nlohmann::json start_body;  // the metadata sent with the start command
  std::string mime_type;      // X-Goog-Upload-Header-Content-Type
  std::size_t chunk_size = std::size_t{8} << 20;
  std::chrono::milliseconds chunk_timeout{0};  // 0: the call's or the client's timeout
  UploadProgress on_progress;
  RequestOptions options;  // the call's http_options
  // Checked before each request: a stop ends the upload with CANCELLED.
  std::stop_token stop_token;
  // Sent as X-Goog-Upload-File-Name with the start (python-genai sends a
  // path's base name; File Search names the document after it); empty: not sent.
  std::string file_name;
};

// Uploads `source` and returns the JSON body of the final answer (the
// caller reads its resource from it). Errors: the start refused, the
// protocol broken by the server, a chunk that failed past the retry policy.
Result<nlohmann::json> resumable_upload(ApiClient& api, const UploadSource& source, const ResumableUpload& upload);
// The same on the client's event loop (client/transfer.h): `done` and
// on_progress run there, and the source is read there, a chunk at a time.
void resumable_upload_async(const std::shared_ptr<ApiClient>& api, const UploadSource& source,
                            const ResumableUpload& upload, Callback<nlohmann::json> done);

// The MIME type of an upload: `given`, else the source's, else from the
// file name's extension, else from the first bytes (detect_mime_type).
std::string upload_mime_type(const UploadSource& source, const std::string& given);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_RESUMABLE_UPLOAD_H_
