// The emulator's long-running operations (Veo's predictLongRunning): each is
// created running and is done once the emulator's clock passes its
// done_time, so a test moves time forward (clock:advance) instead of
// sleeping. (The videos they make are files: state/files.h.) Thread-safe;
// in memory only.
#ifndef GENAI_EMULATOR_STATE_OPERATIONS_H_
#define GENAI_EMULATOR_STATE_OPERATIONS_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace genai::emulator {

struct LongRunningOperation {
  std::string name;    // "models/{m}/operations/{id}" or "projects/.../models/{m}/operations/{uuid}"
  std::string owner;   // the project that started it
  std::chrono::system_clock::time_point done_time;
  nlohmann::ordered_json response;  // the "response" once done (null when it failed)
  nlohmann::ordered_json error;     // google.rpc.Status when it failed, else null
};


class OperationStore {
 public:
  // A new operation id: 12 lower-case letters and digits (Developer API) or a
  // UUID (Vertex AI).
  std::string new_id(bool vertex);
  void put(LongRunningOperation op);
  // nullopt when unknown or started by another project.
  std::optional<LongRunningOperation> get(const std::string& owner, const std::string& name) const;


 private:
  mutable std::mutex mu_;
  std::map<std::string, LongRunningOperation> operations_;  // by name
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_OPERATIONS_H_
