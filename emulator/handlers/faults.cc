#include "emulator/faults/faults.h"

#include <chrono>
#include <sstream>
#include <thread>

#include "core/errors.h"
#include "emulator/errors.h"
#include "emulator/server/env.h"

namespace genai::emulator {
namespace {

// "gemini-2.5-flash" from ".../models/gemini-2.5-flash:generateContent"; "" if none.
std::string model_in_path(const std::string& path) {
  const size_t start = path.find("/models/");
  if (start == std::string::npos) return {};
  const size_t from = start + 8;
  return path.substr(from, path.find(':', from) - from);
}

Error spec_error(const std::string& message) { return internal::invalid_argument("fault spec: " + message); }

const char* kCutHeader = "X-Emulator-Stream-Cut";

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
    static const char* kKinds[] = {"429", "429plain", "500", "503", "html", "badjson", "slow", "reset", "cut", "big"};
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

bool wants_stream_cut(const httplib::Request& req) { return req.has_header(kCutHeader); }

namespace {

// Where a fault on a request with a body is answered (see apply_faults), and
// the headers that carry the fault there.
constexpr const char* kDeferredFaultPath = "/emulator-fault";
constexpr const char* kFaultKindHeader = "X-Emulator-Fault-Kind";
constexpr const char* kFaultParamHeader = "X-Emulator-Fault-Param";
constexpr const char* kFaultPathHeader = "X-Emulator-Fault-Path";

// The methods cpp-httplib reads a body for (detail::expect_content).
bool carries_body(const httplib::Request& req) {
  return req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
}

// Writes the fault's answer for a request to `path`.
void answer_fault(const std::string& k, long param, const std::string& path, httplib::Response& res) {
  if (k == "429") {
    send_error(res, quota_exceeded(model_in_path(path), 0, std::chrono::seconds(param < 0 ? 1 : param)));
  } else if (k == "429plain") {
    GoogleError e;
    e.http_status = 429;
    e.body = std::string("{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"Resource has been exhausted (e.g. check quota).\",\n    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n");
    if (param >= 0) e.retry_after = std::to_string(param);
    send_error(res, e);
  } else if (k == "500") {
    send_error(res, internal_error());
  } else if (k == "503") {
    send_error(res, unavailable());
  } else if (k == "html") {
    res.status = 502;
    res.set_content("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
                    "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>\n",
                    "text/html; charset=UTF-8");
  } else if (k == "badjson") {
    res.status = 200;
    res.set_content("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"trunc", "application/json; charset=UTF-8");
  } else if (k == "big") {
    const size_t n = param < 0 ? 8u << 20 : static_cast<size_t>(param);
    std::string body = "{\"padding\": \"";
    body.append(n, 'x');
    body += "\"}";
    res.status = 200;
    res.set_content(body, "application/json; charset=UTF-8");
  } else if (k == "reset") {
    res.status = 200;
    res.set_content_provider(
        1024, "application/json",
        [](size_t, size_t, httplib::DataSink&) { return false; });  // headers go out, then the connection drops
  }
}

}  // namespace

bool apply_faults(ServerEnv& env, const httplib::Request& req, httplib::Response& res) {
  if (req.path.rfind("/emulator", 0) == 0) return false;  // never break the admin API
  std::optional<FaultRule> rule = env.faults().pick(req.path);
  if (!rule) return false;
  const std::string& k = rule->kind;
  if (k == "slow") {
    std::this_thread::sleep_for(std::chrono::milliseconds(rule->param < 0 ? 1000 : rule->param));
    return false;
  }
  auto& marked = const_cast<httplib::Request&>(req);  // cpp-httplib's own, non-const object
  if (k == "cut") {
    // The stream handler performs the cut; mark the request for it.
    marked.headers.emplace(kCutHeader, "1");
    return false;
  }
  if (carries_body(req)) {
    // Answering here would leave the body unread on a kept-alive connection,
    // where it would be parsed as the next request (a client that writes the
    // headers and the body separately, as httpx does, then gets an empty 400
    // on its next call). So the request goes on, to a route that answers
    // only faults, and cpp-httplib reads the body first as for any route.
    marked.headers.emplace(kFaultKindHeader, k);
    marked.headers.emplace(kFaultParamHeader, std::to_string(rule->param));
    marked.headers.emplace(kFaultPathHeader, req.path);
    marked.path = kDeferredFaultPath;
    return false;
  }
  answer_fault(k, rule->param, req.path, res);
  return true;
}

void register_fault_routes(httplib::Server& server) {
  const auto answer = [](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_header(kFaultKindHeader)) return send_error(res, not_found("Method not found."));
    answer_fault(req.get_header_value(kFaultKindHeader), std::stol(req.get_header_value(kFaultParamHeader)),
                 req.get_header_value(kFaultPathHeader), res);
  };
  server.Post(kDeferredFaultPath, answer);
  server.Put(kDeferredFaultPath, answer);
  server.Patch(kDeferredFaultPath, answer);
  server.Delete(kDeferredFaultPath, answer);
}

}  // namespace genai::emulator
