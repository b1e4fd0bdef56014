// Fault injection rules: which requests fail, and how, the way real networks
// and Google's front ends fail, so clients' retry and error paths can be
// tested. The rules live in ServerEnv; handlers/faults.cc applies them.
//
// Spec (--faults, or POST /emulator/v1/faults {"spec": ...}): comma-separated
// rules PATTERN=KIND[:PARAM][@RATE][#COUNT]
//   PATTERN  a substring of the request path ("generateContent", "models"), or * for any
//   KIND     429 (with RetryInfo, PARAM = seconds, default 1) | 429plain (no RetryInfo, Retry-After: PARAM)
//            | 500 | 503 | html (a proxy's 502 HTML page) | badjson (200 with a truncated JSON body)
//            | slow (PARAM = milliseconds before answering normally)
//            | reset (headers sent, then the connection is closed before the body)
//            | cut (streamGenerateContent: the connection closes in the middle of the second event;
//              a Cloud Storage download (alt=media): after half of its bytes)
//            | big (200 with a PARAM-byte JSON body, default 8 MiB)
//            | cutupload (a Files API or Cloud Storage upload chunk: the server keeps its first PARAM bytes, default half,
//              then the connection drops before any answer: a reset in the middle of a chunk;
//              other requests pass untouched)
//            | livedrop (a Live API WebSocket whose path matches: the connection drops without a close
//              frame after PARAM server messages, default 2; PATTERN e.g. BidiGenerateContent)
//   RATE     probability in [0,1] per matching request (default 1), from a seeded RNG
//   COUNT    stop after this many injections (default: unlimited)
// Example: "generateContent=503@1#2,models=slow:300" fails the next two
// generateContent calls with 503 and slows every models request by 300 ms.
#ifndef GENAI_EMULATOR_COMMON_FAULT_INJECTOR_H_
#define GENAI_EMULATOR_COMMON_FAULT_INJECTOR_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "genai/result.h"

namespace genai::emulator {

struct FaultRule {
  std::string pattern;
  std::string kind;
  long param = -1;
  double rate = 1.0;
  long remaining = -1;  // -1: unlimited
};

class FaultInjector {
 public:
  FaultInjector(std::string spec, std::uint64_t seed);
  // Replaces the rules; an invalid spec leaves the old rules and returns the error.
  Result<void> set_spec(const std::string& spec);
  // The rule that fires for this path now, if any (consumes one injection).
  std::optional<FaultRule> pick(const std::string& path);

  static Result<std::vector<FaultRule>> parse(const std::string& spec);

 private:
  std::mutex mu_;
  std::vector<FaultRule> rules_;
  std::mt19937_64 rng_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_FAULT_INJECTOR_H_
