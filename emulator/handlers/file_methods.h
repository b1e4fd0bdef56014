// The Gemini Developer API's Files API on the emulator:
//   POST   /upload/v1beta/files                     resumable upload (start; then
//          ...?upload_id=ID with X-Goog-Upload-Command upload | upload, finalize | query),
//          or one request with X-Goog-Upload-Protocol: raw
//   GET    /v1beta/files[?pageSize&pageToken]       list (newest first)
//   GET    /v1beta/files/{id}                       get
//   DELETE /v1beta/files/{id}                       delete
//   GET    /v1beta/files/{id}:download?alt=media    the bytes of a generated file (Veo's videos)
// Files belong to the caller's project (state/files.h keeps them); every call
// but an upload's chunks is authorized as the other Developer API methods
// are (handlers/access.h). The upload URL itself is the chunks' credential,
// as Google's is.
#ifndef GENAI_EMULATOR_HANDLERS_FILE_METHODS_H_
#define GENAI_EMULATOR_HANDLERS_FILE_METHODS_H_

#include <functional>
#include <optional>
#include <string>

#include "emulator/common/errors.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;

void register_file_routes(Router& router, ServerEnv& env);

// The chunks of a resumable upload started with FileStore::start_upload
// (Files API and File Search store uploads share the protocol): query,
// upload, "upload, finalize", with Google's checks of offsets and sizes and
// a connection cut mid-chunk by fault injection. `finish` writes the final
// answer: on finalize, and on a query after it (so it must answer the same
// twice).
void serve_upload_chunk(ServerEnv& env, const Request& req, Response& res, const std::string& upload_id,
                        const std::function<void(Response&)>& finish);

// generateContent's fileData parts naming a file of this API ("files/{id}"
// or its uri): the file must be the caller's and ACTIVE (else Google's
// error); a text file's content joins the prompt (a text part after the
// fileData part) so the deterministic model answers about it. Other URIs
// (YouTube, gs://) are left alone.
std::optional<GoogleError> resolve_file_parts(ServerEnv& env, GeminiCall& call);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_FILE_METHODS_H_
