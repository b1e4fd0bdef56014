// The model methods both Gemini front ends share — the Developer API
// (handlers/generative_language.cc) and Vertex AI (handlers/vertex_ai.cc):
// generateContent, streamGenerateContent, countTokens and embeddings, on the
// emulator's model catalog (model_catalog.h). Each front end authorizes the
// request and admit() parses its body as Google's transcoder would (proto
// names, unknown names, types: request_names.h, request_types.h); then it
// calls these. Request bodies are read with nlohmann::json directly,
// never with libgenai's types, so a bug shared with the client cannot hide.
#ifndef GENAI_EMULATOR_HANDLERS_GEMINI_METHODS_H_
#define GENAI_EMULATOR_HANDLERS_GEMINI_METHODS_H_

#include <optional>
#include <string>
#include <variant>

#include "emulator/handlers/http.h"
#include <nlohmann/json.hpp>

#include "emulator/handlers/access.h"
#include "emulator/common/errors.h"
#include "emulator/handlers/model_catalog.h"

namespace genai::emulator {

class ServerEnv;

// Google's 400 for generationConfig.responseModalities the model cannot
// produce (IMAGE on a text-only model, AUDIO except on a TTS model, anything
// but AUDIO on one), or an unknown modality.
std::optional<GoogleError> check_response_modalities(const nlohmann::ordered_json& body, const CatalogModel* m);
// Google's 400 for an imageConfig.aspectRatio a Gemini image model cannot draw.
std::optional<GoogleError> check_image_config(const nlohmann::ordered_json& body, const CatalogModel* m);

// 200 with `j` in Google's formatting (2-space indent, trailing newline).
void send_json(Response& res, const nlohmann::ordered_json& j);

// What the simulated model's answer to `body` from `model` is seeded with:
// the request with its members sorted by name at every level, so that the
// answer depends on what was asked, not on the order a client wrote the
// members in (the official SDKs, libgenai's writer and a batch line's DOM
// all order them differently).
std::string request_key(std::string_view model, const nlohmann::ordered_json& body);

// The text parts of `contents`, one line each: what the emulator's tokenizer counts.
std::string texts_of(const nlohmann::ordered_json& contents);

struct GeminiCall {
  std::string version;  // "v1beta", "v1" (Developer API); "v1", "v1beta1" (Vertex AI)
  std::string model;    // "gemini-2.5-flash"
  std::string method;   // "generateContent", ...
  nlohmann::ordered_json body;
  bool vertex = false;  // Vertex AI response shapes (createTime, trafficType, no candidate index)
  std::string owner;    // set by admit: the project whose caches the call sees (URL project, else the caller's)
};

class GeminiMethods {
 public:
  explicit GeminiMethods(ServerEnv& env) : env_(env) {}

  // Counts the call, authorizes it against `check` and, for a POST or PATCH,
  // parses the JSON body into `call`. On failure the error is already written.
  bool admit(const Request& req, Response& res, const AccessCheck& check, GeminiCall* call);

  // :generateContent and :streamGenerateContent (SSE with ?alt=sse, else a JSON array).
  void generate(const Request& req, Response& res, const GeminiCall& call);
  // generateContent's answer (or Google's error) as JSON: what generate sends
  // unstreamed, and what each line of a batch gets (batch_methods.cc).
  std::variant<nlohmann::ordered_json, GoogleError> generate_content_json(const GeminiCall& call);
  void count_tokens(Response& res, const GeminiCall& call);
  // Vertex AI's computeTokens: each content's text parts tokenized, as
  // tokensInfo (tokens as base64 bytes, ids as int64 strings, role).
  void compute_tokens(Response& res, const GeminiCall& call);
  // The Developer API's :embedContent and :batchEmbedContents.
  void embed(Response& res, const GeminiCall& call, const CatalogModel& m);
  // One EmbedContentRequest's embedding ({"values": [...]}) or Google's
  // error: what embed sends, and what each line of an embeddings batch gets.
  std::variant<nlohmann::ordered_json, GoogleError> embedding_json(const nlohmann::ordered_json& request,
                                                                   const CatalogModel& m);
  // Vertex AI's :predict on an embedding model: {"instances":[{"content":...}]}.
  void predict_embeddings(Response& res, const GeminiCall& call, const CatalogModel& m);
  // :predict on an Imagen model, both backends (image_methods.cc):
  // {"instances":[{"prompt"}],"parameters":{"sampleCount","aspectRatio",...}}.
  // Imagen's :predict as an edit (referenceImages), an upscale (mode
  // "upscale"), a product recontext (productImages) or a segmentation.
  void predict_edit(Response& res, const GeminiCall& call, const CatalogModel& m);
  void predict_upscale(Response& res, const GeminiCall& call, const CatalogModel& m);
  void predict_recontext(Response& res, const GeminiCall& call, const CatalogModel& m);
  void predict_segment(Response& res, const GeminiCall& call, const CatalogModel& m);
  void predict_images(Response& res, const GeminiCall& call, const CatalogModel& m);

 private:
  ServerEnv& env_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_GEMINI_METHODS_H_
