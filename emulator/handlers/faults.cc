#include "emulator/handlers/faults.h"

#include <chrono>
#include <thread>

#include "emulator/common/env.h"
#include "emulator/common/errors.h"
#include "emulator/common/fault_injector.h"

namespace genai::emulator {
namespace {

// "gemini-2.5-flash" from ".../models/gemini-2.5-flash:generateContent"; "" if none.
std::string model_in_path(const std::string& path) {
  const size_t start = path.find("/models/");
  if (start == std::string::npos) return {};
  const size_t from = start + 8;
  return path.substr(from, path.find(':', from) - from);
}

// Writes the fault's answer for a request to `path`.
void answer_fault(const std::string& k, long param, const std::string& path, Response& res) {
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
    res.content_type = "application/json";
    res.drop_connection = true;  // headers go out, then the connection drops
  }
}

}  // namespace

bool apply_faults(ServerEnv& env, Request& req, Response& res) {
  if (req.path.rfind("/emulator", 0) == 0) return false;  // never break the admin API
  std::optional<FaultRule> rule = env.faults().pick(req.path);
  if (!rule) return false;
  const std::string& k = rule->kind;
  if (k == "slow") {
    std::this_thread::sleep_for(std::chrono::milliseconds(rule->param < 0 ? 1000 : rule->param));
    return false;
  }
  if (k == "cut") {
    req.cut_stream = true;  // the stream handler performs the cut
    return false;
  }
  if (k == "livedrop") return false;  // for Live sessions only (frontend/live_socket.cc)
  if (k == "cutupload") {
    req.cut_upload = true;  // the upload handler keeps part of the chunk, then drops the connection
    req.cut_upload_bytes = rule->param;
    return false;
  }
  answer_fault(k, rule->param, req.path, res);
  return true;
}

}  // namespace genai::emulator
