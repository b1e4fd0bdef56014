// File Search stores on the emulator (Gemini Developer API only; Vertex AI
// has none, so no Vertex AI route exists):
//   POST   /v1beta/fileSearchStores                         create {displayName, embeddingModel}
//   GET    /v1beta/fileSearchStores[?pageSize&pageToken]    list (oldest first; 10 a page, at most 20)
//   GET    /v1beta/fileSearchStores/{id}                    get (with its document counts and size)
//   DELETE /v1beta/fileSearchStores/{id}[?force=true]       delete (FAILED_PRECONDITION if it holds documents)
//   POST   /upload/v1beta/fileSearchStores/{id}:uploadToFileSearchStore
//          resumable upload (the Files API's protocol, handlers/file_methods.h); the
//          final answer is the operation fileSearchStores/{id}/upload/operations/{op}
//   POST   /v1beta/fileSearchStores/{id}:importFile {fileName, customMetadata, chunkingConfig}
//          → the operation fileSearchStores/{id}/operations/{op}
//   GET    /v1beta/fileSearchStores/{id}[/upload]/operations/{op}
//   GET    /v1beta/fileSearchStores/{id}/documents, GET|DELETE .../documents/{doc}[?force=true]
// A document is indexed when it arrives (backend/file_search.h: its text cut
// into chunks by chunkingConfig) and is STATE_PENDING for
// kDocumentIndexingTime of the emulator's clock, then STATE_ACTIVE, when its
// operation is done too. Every call is authorized as the other Developer
// API methods are (handlers/access.h); stores belong to the caller's project.
#ifndef GENAI_EMULATOR_HANDLERS_FILE_SEARCH_METHODS_H_
#define GENAI_EMULATOR_HANDLERS_FILE_SEARCH_METHODS_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/backend/file_search.h"
#include "emulator/common/errors.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;

void register_file_search_routes(Router& router, ServerEnv& env);

struct SearchDocument;
// A store's or document's id as Google takes it: up to 40 lower-case
// letters, digits and dashes, not starting or ending with a dash.
bool file_search_id_valid(std::string_view id);
// "fileSearchStores/" + id.
std::string file_search_store_resource(const std::string& id);
// STATE_PENDING until the document's active_time, then STATE_ACTIVE (or STATE_FAILED).
std::string file_search_document_state(const SearchDocument& d, std::chrono::system_clock::time_point now);

// generateContent with the fileSearch tool (handlers/file_search_tool.cc) (Developer API): the ACTIVE
// documents' chunks of the named stores (the caller's; an unknown one is
// 404) that pass metadataFilter, ranked against `prompt`, topK of them
// (default 5), and the answer citing them. nullopt when the request has no
// fileSearch tool or nothing matched (the model then answers unaided,
// without groundingMetadata).
std::variant<std::optional<FileSearchAnswer>, GoogleError> file_search_for(ServerEnv& env, const GeminiCall& call,
                                                                           const std::string& prompt);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_FILE_SEARCH_METHODS_H_
