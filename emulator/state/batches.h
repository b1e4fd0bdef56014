// The emulator's batch jobs (the Developer API's batches/{id} and Vertex AI's
// batchPredictionJobs). A job's state is not stored but read off the
// emulator's clock: PENDING for `pending` after it was created, RUNNING for
// `running` after that, then SUCCEEDED, unless it was cancelled or a test
// forced it to FAILED or EXPIRED (/emulator/v1/batches:*). So tests move the
// clock (clock:advance) or shorten the timing instead of sleeping. Each
// request's answer is computed when the job is created and revealed when it
// is done. Thread-safe; in memory only.
#ifndef GENAI_EMULATOR_STATE_BATCHES_H_
#define GENAI_EMULATOR_STATE_BATCHES_H_

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

// How long new jobs stay pending and then running, on the emulator's clock.
struct BatchTiming {
  std::chrono::milliseconds pending{2'000};
  std::chrono::milliseconds running{10'000};
};

enum class BatchPhase { kPending, kRunning, kSucceeded, kFailed, kCancelled, kExpired };

struct BatchRecord {
  std::string name;   // "batches/{id}" or "projects/{p}/locations/{l}/batchPredictionJobs/{id}"
  std::string owner;  // the project that created it
  bool vertex = false;
  std::string version;       // the API version it was created under (the Developer API's @type)
  std::string model;         // "models/gemini-2.5-flash" / "publishers/google/models/gemini-2.5-flash"
  std::string display_name;
  std::chrono::system_clock::time_point create_time;
  BatchTiming timing;
  // Set by cancel, or by a test forcing an end (kFailed, kExpired): the
  // phase from `end_time` on.
  std::optional<BatchPhase> forced;
  std::chrono::system_clock::time_point end_time;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();  // one answer line per request, in order
  std::vector<bool> succeeded;  // per request
  nlohmann::ordered_json input_config;   // Vertex AI, as sent
  nlohmann::ordered_json output_config;  // Vertex AI, as sent
  nlohmann::ordered_json failure;        // google.rpc.Status of a whole job that failed, else null
  // Where the answers go when the job succeeds, written then (settled):
  // the Developer API's responses file, or Vertex AI's predictions under
  // output_config's prefix. Inline batches answer in the job itself.
  bool file_input = false;   // Developer API inputConfig.fileName
  bool settled = false;      // the output file or objects exist
  std::string responses_file;  // "files/{id}" once settled
  std::string output_dir;      // Vertex AI: gs://.../prediction-model-{time} once settled
  bool embeddings = false;     // Developer API asyncBatchEmbedContent: EmbedContentBatch, not GenerateContentBatch
};

// The phase of `r` at `now`, and when it started (for endTime / updateTime).
BatchPhase batch_phase(const BatchRecord& r, std::chrono::system_clock::time_point now);
std::chrono::system_clock::time_point batch_phase_start(const BatchRecord& r, std::chrono::system_clock::time_point now);
// How many requests are answered at `now`: all once done, a share of them
// while running (in order), none while pending.
size_t batch_completed(const BatchRecord& r, std::chrono::system_clock::time_point now);

class BatchStore {
 public:
  // A new id: 40 lower-case letters and digits (Developer API) or 19 digits (Vertex AI).
  std::string new_id(bool vertex);
  void put(BatchRecord r);
  // nullopt when unknown or created by another project.
  std::optional<BatchRecord> get(const std::string& owner, const std::string& name) const;
  // Runs `change` on the job; false when there is none for `owner`.
  bool update(const std::string& owner, const std::string& name, const std::function<void(BatchRecord&)>& change);
  // Any owner's job (the admin knobs).
  bool update_any(const std::string& name, const std::function<void(BatchRecord&)>& change);
  bool erase(const std::string& owner, const std::string& name);
  // `owner`'s jobs whose names start with `prefix`, newest first.
  std::vector<BatchRecord> list(const std::string& owner, const std::string& prefix) const;

  BatchTiming timing() const;
  void set_timing(BatchTiming t);

 private:
  mutable std::mutex mu_;
  std::map<std::string, BatchRecord> jobs_;  // by name
  BatchTiming timing_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_BATCHES_H_
