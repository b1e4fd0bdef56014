// The emulator's Vertex AI tuning jobs and the tuned models they make. A job
// is PENDING, then RUNNING, then SUCCEEDED on the emulator's clock (or
// FAILED, when its data was refused at creation, or CANCELLED); its state is
// read off the clock on every look, so a test advances time
// (clock:advance) instead of sleeping. A succeeded job's model exists from
// the job's end time until it is deleted. Thread-safe; in memory only.
#ifndef GENAI_EMULATOR_STATE_TUNINGS_H_
#define GENAI_EMULATOR_STATE_TUNINGS_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

struct TuningJobEntry {
  std::string id;          // 19 digits
  std::string owner;       // project id
  std::string parent;      // "projects/{number}/locations/{location}/"
  std::string base_model;  // as sent, e.g. "gemini-2.5-flash"
  std::string display_name;
  std::string description;
  nlohmann::ordered_json labels = nlohmann::ordered_json::object();
  nlohmann::ordered_json spec;  // supervisedTuningSpec as sent (training set, hyper-parameters)
  std::chrono::system_clock::time_point create_time, start_time, end_time;
  std::optional<std::chrono::system_clock::time_point> cancel_time;
  int failure_code = 0;    // nonzero: the job fails at end_time with this google.rpc code
  std::string failure_message;
  // The tuned model (same id as the job's model and endpoint), once succeeded.
  std::string model_id;
  std::string model_display_name;
  std::string model_description;
  bool model_deleted = false;
};

enum class TuningState { kPending, kRunning, kSucceeded, kFailed, kCancelled };

// The state of `job` at `now`, and its wire name ("JOB_STATE_RUNNING").
TuningState tuning_state(const TuningJobEntry& job, std::chrono::system_clock::time_point now);
const char* tuning_state_name(TuningState s);

class TuningStore {
 public:
  // Stores `job` under a new id (also its model's) and returns it with both set.
  TuningJobEntry create(TuningJobEntry job);
  // nullopt when unknown or owned by another project.
  std::optional<TuningJobEntry> get(const std::string& owner, const std::string& id) const;
  // The owner's jobs, oldest first.
  std::vector<TuningJobEntry> list(const std::string& owner) const;
  // Marks the job cancelled at `now`; nullopt when unknown, false when it had already ended.
  std::optional<bool> cancel(const std::string& owner, const std::string& id, std::chrono::system_clock::time_point now);

  // The job whose tuned model (or endpoint) has this id, if the model exists
  // at `now`: the job succeeded and the model was not deleted.
  std::optional<TuningJobEntry> model(const std::string& owner, const std::string& model_id,
                                      std::chrono::system_clock::time_point now) const;
  std::vector<TuningJobEntry> models(const std::string& owner, std::chrono::system_clock::time_point now) const;
  // Changes the model's display name / description (those set); false when it does not exist.
  bool update_model(const std::string& owner, const std::string& model_id, const std::optional<std::string>& display_name,
                    const std::optional<std::string>& description, std::chrono::system_clock::time_point now);
  bool delete_model(const std::string& owner, const std::string& model_id, std::chrono::system_clock::time_point now);

 private:
  mutable std::mutex mu_;
  std::map<std::string, TuningJobEntry> jobs_;  // by id
  std::vector<std::string> order_;              // ids in creation order
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_TUNINGS_H_
