#include "emulator/common/fault_injector.h"

#include <algorithm>
#include <sstream>

#include "core/errors.h"

namespace genai::emulator {
namespace {

Error spec_error(const std::string& message) { return internal::invalid_argument("fault spec: " + message); }

}  // namespace

Result<std::vector<FaultRule>> FaultInjector::parse(const std::string& spec) {
  std::vector<FaultRule> rules;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    FaultRule r;
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) return spec_error("'" + item + "' is not PATTERN=KIND");
    r.pattern = item.substr(0, eq);
    std::string rest = item.substr(eq + 1);
    try {
      if (size_t hash = rest.find('#'); hash != std::string::npos) {
        r.remaining = std::stol(rest.substr(hash + 1));
        rest.resize(hash);
      }
      if (size_t at = rest.find('@'); at != std::string::npos) {
        r.rate = std::stod(rest.substr(at + 1));
        rest.resize(at);
      }
      if (size_t colon = rest.find(':'); colon != std::string::npos) {
        r.param = std::stol(rest.substr(colon + 1));
        rest.resize(colon);
      }
    } catch (const std::exception&) {
      return spec_error("'" + item + "' has a number that does not parse");
    }
    r.kind = rest;
    static const char* kKinds[] = {"429", "429plain", "500", "503", "html", "badjson", "slow", "reset", "cut", "big", "cutupload", "livedrop"};
    if (std::find(std::begin(kKinds), std::end(kKinds), r.kind) == std::end(kKinds)) {
      return spec_error("unknown fault kind '" + r.kind + "'");
    }
    if (r.rate < 0 || r.rate > 1) return spec_error("rate must be between 0 and 1 in '" + item + "'");
    rules.push_back(r);
  }
  return rules;
}

FaultInjector::FaultInjector(std::string spec, std::uint64_t seed) : rng_(seed) {
  if (auto rules = parse(spec)) rules_ = std::move(*rules);
}

Result<void> FaultInjector::set_spec(const std::string& spec) {
  auto rules = parse(spec);
  if (!rules) return std::move(rules).error();
  std::lock_guard<std::mutex> lock(mu_);
  rules_ = std::move(*rules);
  return {};
}

std::optional<FaultRule> FaultInjector::pick(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  for (FaultRule& r : rules_) {
    if (r.remaining == 0) continue;
    if (r.pattern != "*" && path.find(r.pattern) == std::string::npos) continue;
    if (r.rate < 1.0 && std::uniform_real_distribution<double>(0, 1)(rng_) >= r.rate) continue;
    if (r.remaining > 0) --r.remaining;
    return r;
  }
  return std::nullopt;
}

}  // namespace genai::emulator
