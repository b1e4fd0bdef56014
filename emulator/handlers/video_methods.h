// Veo on both front ends: :predictLongRunning starts an operation that is
// done a few seconds later on the emulator's clock (clock:advance moves it);
// the Developer API polls it with GET {name} and downloads each video, a
// file of the Files API (file_methods.h), from files/{id}:download; Vertex AI polls with :fetchPredictOperation and gets
// the videos inline (base64) or as gs:// URIs with storageUri. The videos are
// real MP4s (backend/mp4.h), deterministic per request. Requests are read as
// plain JSON, never with libgenai's types (see gemini_methods.h).
#ifndef GENAI_EMULATOR_HANDLERS_VIDEO_METHODS_H_
#define GENAI_EMULATOR_HANDLERS_VIDEO_METHODS_H_

#include <chrono>
#include <string>

#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;

// How long a video takes on the emulator's clock.
inline constexpr std::chrono::seconds kVideoGenerationTime{6};

// A prompt containing this test-only token makes the operation fail
// (done, with error INTERNAL), as a real generation can.
inline constexpr const char* kVideoFailureTrigger = "EMULATOR_FAIL_OPERATION";

class VideoMethods {
 public:
  explicit VideoMethods(ServerEnv& env) : env_(env) {}

  // :predictLongRunning on a Veo model: validates, stores the operation
  // under "{model_resource}/operations/{id}" and answers {"name"}.
  void predict_long_running(Response& res, const GeminiCall& call, const std::string& model_resource);
  // Vertex AI's :fetchPredictOperation {"operationName"} on the same model.
  void fetch_predict_operation(Response& res, const GeminiCall& call, const std::string& model_resource);
  // The Developer API's GET of an operation by name.
  void get_operation(Response& res, const GeminiCall& call, const std::string& name);

 private:
  ServerEnv& env_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_VIDEO_METHODS_H_
