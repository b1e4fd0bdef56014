// The Batch API on both front ends. Developer API: {model}:batchGenerateContent
// answers an Operation whose metadata is a GenerateContentBatch; GET
// batches/{id}, POST batches/{id}:cancel, DELETE batches/{id}, GET batches.
// Vertex AI: batchPredictionJobs create/get/list/cancel/delete under
// projects/{p}/locations/{l}. Each request of an inline batch is answered by
// the same code that answers generateContent (GeminiMethods::generate_content_json),
// a failing one with {"error": {code, message}, "metadata"} as Google does.
// States follow the emulator's clock (state/batches.h); the admin routes
// /emulator/v1/batches:timing and /emulator/v1/batches:force let tests end
// jobs at once, or as FAILED or EXPIRED.
#ifndef GENAI_EMULATOR_HANDLERS_BATCH_METHODS_H_
#define GENAI_EMULATOR_HANDLERS_BATCH_METHODS_H_

#include <string>
#include <variant>

#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;

class BatchMethods {
 public:
  explicit BatchMethods(ServerEnv& env) : env_(env), methods_(env) {}

  // {model}:batchGenerateContent, after the front end admitted `call`
  // (method "batchGenerateContent", body {"batch": {...}}); with
  // `embeddings`, {model}:asyncBatchEmbedContent, whose lines are
  // EmbedContentRequests answered by embedContent's code.
  void create_developer(Response& res, const GeminiCall& call, bool embeddings = false);
  // One request of a batch (`batch_call` names the model, backend and
  // owner): generateContent's answer (index 0) or the google.rpc.Status it
  // failed with (index 1).
  std::variant<nlohmann::ordered_json, nlohmann::ordered_json> answer(const GeminiCall& batch_call,
                                                                      nlohmann::ordered_json request);
  // One line of an embeddings batch: {"embedding": {...}} or its google.rpc.Status.
  std::variant<nlohmann::ordered_json, nlohmann::ordered_json> answer_embedding(const CatalogModel& m,
                                                                                const nlohmann::ordered_json& request);

 private:
  ServerEnv& env_;
  GeminiMethods methods_;
};

// The routes of batches/ and batchPredictionJobs, and the admin knobs.
void register_batch_routes(Router& router, ServerEnv& env);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_BATCH_METHODS_H_
