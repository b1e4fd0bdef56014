// File Search on the emulator, the part that is pure computation: which
// documents can be indexed and their text (text/*, Markdown, JSON, CSV, XML;
// HTML with its tags, scripts and styles stripped; PDFs, images and other
// binary types are not indexed: the document fails with
// unsupported_document_reason), the whitespace chunking of
// chunkingConfig.whiteSpaceConfig, a deterministic lexical retrieval (BM25
// over the chunks' words), the metadata filter of the file_search tool, and
// the answer the model gives from what it retrieved, with
// groundingMetadata.groundingChunks[].retrievedContext and groundingSupports
// pointing at the answer's sentences. No state, no wire types: the handlers
// (handlers/file_search_methods.cc) gather the chunks and call these.
#ifndef GENAI_EMULATOR_BACKEND_FILE_SEARCH_H_
#define GENAI_EMULATOR_BACKEND_FILE_SEARCH_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

// Google's defaults and limits for whiteSpaceConfig (tokens are
// whitespace-separated words here).
inline constexpr int kDefaultTokensPerChunk = 200;
inline constexpr int kDefaultOverlapTokens = 20;
inline constexpr int kMaxTokensPerChunk = 2048;

// The text to index of a document of `mime_type` (parameters such as
// "; charset=utf-8" ignored), or nullopt when the emulator does not index
// that type.
std::optional<std::string> indexable_text(std::string_view bytes, std::string_view mime_type);
// Why a document of `mime_type` cannot be indexed (the failed operation's message).
std::string unsupported_document_reason(std::string_view mime_type);

// `text` cut into chunks of at most `max_tokens` words, each starting
// `max_tokens - overlap` words after the previous one; each chunk is the
// text from its first word to its last as written. Empty text: no chunks.
std::vector<std::string> whitespace_chunks(const std::string& text, int max_tokens, int overlap);

// One chunk as retrieval sees it, with where it comes from.
struct SearchChunk {
  std::string text;
  std::string title;  // the document's display name (else its id)
  std::string uri;    // the document's resource name
  std::string store;  // "fileSearchStores/..."
  nlohmann::ordered_json custom_metadata;  // the document's customMetadata array (or null)
};

struct SearchHit {
  std::size_t index = 0;  // into the chunks given
  double score = 0;
};

// The `top_k` chunks that best match `query` by BM25 (k1 1.2, b 0.75) over
// lower-cased words without common stop words; only chunks sharing a word
// with the query; best first, ties by position.
std::vector<SearchHit> rank_chunks(const std::string& query, const std::vector<SearchChunk>& chunks, std::size_t top_k);

// Whether a document's customMetadata passes a metadataFilter: conditions
// `key OP value` (OP = != < <= > >=; value a "quoted string" or a number)
// joined by AND or OR (AND binds tighter); a string list value matches `=`
// when it holds the value. nullopt when the filter cannot be parsed.
std::optional<bool> metadata_matches(const std::string& filter, const nlohmann::ordered_json& custom_metadata);
// Whether `filter` parses (the request's 400 otherwise).
bool metadata_filter_valid(const std::string& filter);

struct FileSearchAnswer {
  std::string text;                  // the model's answer, one sentence per chunk cited
  nlohmann::ordered_json grounding;  // groundingMetadata
};

// The answer to `prompt` from `hits` over `chunks` (hits not empty): a
// sentence quoting each chunk, groundingChunks with retrievedContext {uri,
// title, text, fileSearchStore, customMetadata} and one groundingSupport per
// sentence (UTF-8 byte offsets) naming its chunk.
FileSearchAnswer file_search_answer(const std::string& prompt, const std::vector<SearchChunk>& chunks,
                                    const std::vector<SearchHit>& hits);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_FILE_SEARCH_H_
