#include "emulator/state/operations.h"

#include "emulator/auth/crypto.h"

namespace genai::emulator {

std::string OperationStore::new_id(bool vertex) {
  if (!vertex) return random_string(12, "abcdefghijklmnopqrstuvwxyz0123456789");
  const std::string h = random_hex(32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) + "-" + h.substr(20, 12);
}

void OperationStore::put(LongRunningOperation op) {
  std::lock_guard<std::mutex> lock(mu_);
  operations_[op.name] = std::move(op);
}

std::optional<LongRunningOperation> OperationStore::get(const std::string& owner, const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = operations_.find(name);
  if (it == operations_.end() || it->second.owner != owner) return std::nullopt;
  return it->second;
}

}  // namespace genai::emulator
