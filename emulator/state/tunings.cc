#include "emulator/state/tunings.h"

#include <random>

namespace genai::emulator {

TuningState tuning_state(const TuningJobEntry& job, std::chrono::system_clock::time_point now) {
  if (job.cancel_time && *job.cancel_time <= now) return TuningState::kCancelled;
  if (now < job.start_time) return TuningState::kPending;
  if (now < job.end_time) return TuningState::kRunning;
  return job.failure_code != 0 ? TuningState::kFailed : TuningState::kSucceeded;
}

const char* tuning_state_name(TuningState s) {
  switch (s) {
    case TuningState::kPending: return "JOB_STATE_PENDING";
    case TuningState::kRunning: return "JOB_STATE_RUNNING";
    case TuningState::kSucceeded: return "JOB_STATE_SUCCEEDED";
    case TuningState::kFailed: return "JOB_STATE_FAILED";
    case TuningState::kCancelled: return "JOB_STATE_CANCELLED";
  }
  return "JOB_STATE_UNSPECIFIED";
}

TuningJobEntry TuningStore::create(TuningJobEntry job) {
  std::random_device rd;
  std::lock_guard<std::mutex> lock(mu_);
  do {
    job.id = std::string(1, static_cast<char>('1' + rd() % 9));  // Vertex AI ids: 19 digits, no leading zero
    while (job.id.size() < 19) job.id += static_cast<char>('0' + rd() % 10);
  } while (jobs_.count(job.id));
  job.model_id = job.id;
  if (job.model_display_name.empty()) job.model_display_name = "tuned-model-" + job.id;
  order_.push_back(job.id);
  jobs_[job.id] = job;
  return job;
}

std::optional<TuningJobEntry> TuningStore::get(const std::string& owner, const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.owner != owner) return std::nullopt;
  return it->second;
}

std::vector<TuningJobEntry> TuningStore::list(const std::string& owner) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<TuningJobEntry> out;
  for (const std::string& id : order_) {
    const TuningJobEntry& j = jobs_.at(id);
    if (j.owner == owner) out.push_back(j);
  }
  return out;
}

std::optional<bool> TuningStore::cancel(const std::string& owner, const std::string& id,
                                        std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.owner != owner) return std::nullopt;
  const TuningState s = tuning_state(it->second, now);
  if (s != TuningState::kPending && s != TuningState::kRunning) return false;
  it->second.cancel_time = now;
  return true;
}

namespace {
bool tuned_model_exists(const TuningJobEntry& j, const std::string& owner, std::chrono::system_clock::time_point now) {
  return j.owner == owner && !j.model_deleted && tuning_state(j, now) == TuningState::kSucceeded;
}
}  // namespace

std::optional<TuningJobEntry> TuningStore::model(const std::string& owner, const std::string& model_id,
                                                 std::chrono::system_clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(model_id);  // a model has its job's id
  if (it == jobs_.end() || !tuned_model_exists(it->second, owner, now)) return std::nullopt;
  return it->second;
}

std::vector<TuningJobEntry> TuningStore::models(const std::string& owner,
                                                std::chrono::system_clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<TuningJobEntry> out;
  for (const std::string& id : order_) {
    const TuningJobEntry& j = jobs_.at(id);
    if (tuned_model_exists(j, owner, now)) out.push_back(j);
  }
  return out;
}

bool TuningStore::update_model(const std::string& owner, const std::string& model_id,
                               const std::optional<std::string>& display_name,
                               const std::optional<std::string>& description,
                               std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(model_id);
  if (it == jobs_.end() || !tuned_model_exists(it->second, owner, now)) return false;
  if (display_name) it->second.model_display_name = *display_name;
  if (description) it->second.model_description = *description;
  return true;
}

bool TuningStore::delete_model(const std::string& owner, const std::string& model_id,
                               std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(model_id);
  if (it == jobs_.end() || !tuned_model_exists(it->second, owner, now)) return false;
  it->second.model_deleted = true;
  return true;
}

}  // namespace genai::emulator
