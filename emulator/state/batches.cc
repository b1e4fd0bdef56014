#include "emulator/state/batches.h"

#include <algorithm>

#include "emulator/auth/crypto.h"

namespace genai::emulator {

using std::chrono::system_clock;

BatchPhase batch_phase(const BatchRecord& r, system_clock::time_point now) {
  if (r.forced && now >= r.end_time) return *r.forced;
  if (now < r.create_time + r.timing.pending) return BatchPhase::kPending;
  if (now < r.create_time + r.timing.pending + r.timing.running) return BatchPhase::kRunning;
  return BatchPhase::kSucceeded;
}

system_clock::time_point batch_phase_start(const BatchRecord& r, system_clock::time_point now) {
  switch (batch_phase(r, now)) {
    case BatchPhase::kPending:
      return r.create_time;
    case BatchPhase::kRunning:
      return r.create_time + r.timing.pending;
    case BatchPhase::kSucceeded:
      return r.create_time + r.timing.pending + r.timing.running;
    default:
      return r.end_time;
  }
}

size_t batch_completed(const BatchRecord& r, system_clock::time_point now) {
  const size_t n = r.results.size();
  const system_clock::time_point start = r.create_time + r.timing.pending;
  // A cancelled or forced job stops where it was at its end.
  if (r.forced && now >= r.end_time) now = r.end_time;
  if (now < start) return 0;
  if (r.timing.running.count() <= 0 || now >= start + r.timing.running) return n;
  const double share = std::chrono::duration<double>(now - start) / std::chrono::duration<double>(r.timing.running);
  return std::min(n, static_cast<size_t>(share * static_cast<double>(n)));
}

std::string BatchStore::new_id(bool vertex) {
  if (vertex) return "1" + random_string(18, "0123456789");
  return random_string(40, "abcdefghijklmnopqrstuvwxyz0123456789");
}

void BatchStore::put(BatchRecord r) {
  std::lock_guard<std::mutex> lock(mu_);
  jobs_[r.name] = std::move(r);
}

std::optional<BatchRecord> BatchStore::get(const std::string& owner, const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(name);
  if (it == jobs_.end() || it->second.owner != owner) return std::nullopt;
  return it->second;
}

bool BatchStore::update(const std::string& owner, const std::string& name,
                        const std::function<void(BatchRecord&)>& change) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(name);
  if (it == jobs_.end() || it->second.owner != owner) return false;
  change(it->second);
  return true;
}

bool BatchStore::update_any(const std::string& name, const std::function<void(BatchRecord&)>& change) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(name);
  if (it == jobs_.end()) return false;
  change(it->second);
  return true;
}

bool BatchStore::erase(const std::string& owner, const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(name);
  if (it == jobs_.end() || it->second.owner != owner) return false;
  jobs_.erase(it);
  return true;
}

std::vector<BatchRecord> BatchStore::list(const std::string& owner, const std::string& prefix) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<BatchRecord> out;
  for (const auto& [name, r] : jobs_) {
    if (r.owner == owner && name.rfind(prefix, 0) == 0) out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const BatchRecord& a, const BatchRecord& b) { return a.create_time > b.create_time; });
  return out;
}

BatchTiming BatchStore::timing() const {
  std::lock_guard<std::mutex> lock(mu_);
  return timing_;
}

void BatchStore::set_timing(BatchTiming t) {
  std::lock_guard<std::mutex> lock(mu_);
  timing_ = t;
}

}  // namespace genai::emulator
