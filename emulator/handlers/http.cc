#include "emulator/handlers/http.h"

#include <algorithm>
#include <cctype>

#include "emulator/common/html.h"

namespace genai::emulator {

bool ascii_iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool ascii_istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}

bool HeaderNameLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

bool Request::has_header(std::string_view name) const { return headers.find(name) != headers.end(); }

std::string Request::get_header_value(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

bool Request::has_param(std::string_view name) const { return params.find(name) != params.end(); }

std::string Request::get_param_value(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

void Response::set_content(std::string content, std::string_view type) {
  body = std::move(content);
  content_type = type;
}

void Response::set_header(std::string name, std::string value) {
  headers.erase(name);
  headers.emplace(std::move(name), std::move(value));
}

void Response::stream(std::vector<std::string> pieces, std::string_view type) {
  streamed = true;
  chunks = std::move(pieces);
  content_type = type;
}

void Router::add(std::string method, std::string_view pattern, Handler handler) {
  routes_.push_back({std::move(method), std::regex(pattern.begin(), pattern.end()), std::move(handler)});
}

const Handler* Router::find(Request& req) const {
  const std::string_view method = req.method == "HEAD" ? std::string_view("GET") : std::string_view(req.method);
  std::smatch m;
  for (const Route& r : routes_) {
    if (r.method != method || !std::regex_match(req.path, m, r.pattern)) continue;
    req.matches.assign(m.begin(), m.end());
    return &r.handler;
  }
  return nullptr;
}

void send_error(Response& res, const GoogleError& e) {
  res.status = e.http_status;
  if (!e.retry_after.empty()) res.set_header("Retry-After", e.retry_after);
  res.set_content(e.body, e.content_type);
}

void send_unknown_url(Response& res, std::string_view path) {
  res.status = 404;
  res.set_content("<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>\n"
                  "  <p><b>404.</b> <ins>That\u2019s an error.</ins>\n  <p>The requested URL <code>" +
                      html_escape(path) + "</code> was not found on this server.  <ins>That\u2019s all we know.</ins>\n",
                  "text/html; charset=UTF-8");
}

std::optional<MultipartRelated> split_multipart_related(const Request& req, std::string* problem) {
  const auto refuse = [problem](std::string why) -> std::optional<MultipartRelated> {
    if (problem) *problem = std::move(why);
    return std::nullopt;
  };
  const std::string type = req.get_header_value("Content-Type");
  if (!ascii_istarts_with(type, "multipart/related")) {
    return refuse("Invalid multipart request: the Content-Type is \"" + type + "\", not multipart/related.");
  }
  size_t b = 0;
  while (b < type.size() && !ascii_istarts_with(std::string_view(type).substr(b), "boundary=")) ++b;
  if (b == type.size()) return refuse("Invalid multipart request: the Content-Type has no boundary.");
  std::string boundary = type.substr(b + 9);
  if (const size_t semi = boundary.find(';'); semi != std::string::npos) boundary.erase(semi);
  if (boundary.size() >= 2 && boundary.front() == '"') boundary = boundary.substr(1, boundary.size() - 2);
  if (boundary.empty()) return refuse("Invalid multipart request: the Content-Type has no boundary.");
  const std::string delim = "--" + boundary;
  std::vector<std::pair<std::string, std::string>> parts;  // (headers, body)
  size_t pos = req.body.find(delim);
  bool closed = false;
  while (pos != std::string::npos && parts.size() <= 2) {
    pos += delim.size();
    if (req.body.compare(pos, 2, "--") == 0) {
      closed = true;
      break;
    }
    if (req.body.compare(pos, 2, "\r\n") == 0) pos += 2;
    const size_t head_end = req.body.find("\r\n\r\n", pos);
    const size_t next = head_end == std::string::npos ? head_end : req.body.find("\r\n" + delim, head_end + 4);
    if (next == std::string::npos) break;  // a part without its headers' end or its closing delimiter
    parts.emplace_back(req.body.substr(pos, head_end - pos), req.body.substr(head_end + 4, next - head_end - 4));
    pos = next + 2;
  }
  if (parts.size() != 2) return refuse("Invalid multipart request with " + std::to_string(parts.size()) + " mime parts.");
  if (!closed) return refuse("Invalid multipart request: the body does not end with the closing boundary --" + boundary + "--.");
  MultipartRelated out;
  out.metadata = std::move(parts[0].second);
  out.data = std::move(parts[1].second);
  const std::string& headers = parts[1].first;
  for (size_t at = 0; at < headers.size();) {
    size_t end = headers.find("\r\n", at);
    if (end == std::string::npos) end = headers.size();
    const std::string_view line(headers.data() + at, end - at);
    constexpr std::string_view kName = "content-type:";
    if (line.size() > kName.size() && ascii_istarts_with(line, kName)) {
      std::string_view v = line.substr(kName.size());
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      out.data_type = std::string(v);
    }
    at = end + 2;
  }
  return out;
}

}  // namespace genai::emulator
