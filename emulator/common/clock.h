// The emulator's wall clock, injectable so tests can move time (token expiry,
// quota windows) without sleeping.
#ifndef GENAI_EMULATOR_COMMON_CLOCK_H_
#define GENAI_EMULATOR_COMMON_CLOCK_H_

#include <atomic>
#include <chrono>

namespace genai::emulator {

class Clock {
 public:
  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::now() + std::chrono::milliseconds(offset_ms_.load());
  }
  // Moves this clock forward (tests).
  void advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

 private:
  std::atomic<long long> offset_ms_{0};
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_CLOCK_H_
