// The mcpServers tool (mcp_tool.h): a small MCP client over Streamable HTTP.
#include "emulator/handlers/mcp_tool.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include <httplib.h>

#include "emulator/backend/generator.h"
#include "emulator/backend/responder.h"

namespace genai::emulator {
namespace mcp_detail {

using ojson = nlohmann::ordered_json;

constexpr int kMcpTimeoutSeconds = 5;
constexpr size_t kMcpMaxAnswerBytes = 1u << 20;
// The protocol revision the emulator speaks (Streamable HTTP).
constexpr const char* kMcpProtocolVersion = "2025-06-18";

// Why a server could not be used, in words that follow "it ...".
struct Failure {
  std::string why;
};

struct Endpoint {
  std::string host;
  int port = 80;
  std::string path;
};

// An http:// URL on loopback, or why the emulator does not call it.
std::variant<Endpoint, Failure> loopback_endpoint(const std::string& url) {
  const bool http = url.rfind("http://", 0) == 0;
  const bool https = url.rfind("https://", 0) == 0;
  if (!http && !https) return Failure{"has a URL that is not http:// or https://"};
  std::string rest = url.substr(http ? 7 : 8);
  const size_t slash = rest.find('/');
  Endpoint e;
  e.path = slash == std::string::npos ? "/" : rest.substr(slash);
  std::string authority = rest.substr(0, slash);
  if (authority.find('@') != std::string::npos) return Failure{"has credentials in its URL, which the emulator does not send"};
  std::string port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return Failure{"has a malformed host in its URL"};
    e.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port = authority.substr(close + 2);
  } else {
    const size_t colon = authority.find(':');
    e.host = authority.substr(0, colon);
    if (colon != std::string::npos) port = authority.substr(colon + 1);
  }
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Failure{"has a port that is not a number in its URL"};
    }
    e.port = std::stoi(port);
  }
  const bool loopback = e.host == "localhost" || e.host == "::1" || e.host.rfind("127.", 0) == 0;
  if (!loopback) {
    return Failure{"is on " + e.host + ", not on loopback (127.0.0.1, ::1, localhost), where the emulator calls MCP "
                   "servers (it stays offline)"};
  }
  if (https) return Failure{"is an https:// URL; on loopback the emulator calls MCP servers over http://"};
  return e;
}

// The JSON-RPC message with `id` in an answer sent as JSON or as events.
std::optional<ojson> rpc_answer(const std::string& body, const std::string& content_type, int id) {
  const auto matches = [id](const ojson& m) { return m.is_object() && m.value("id", -1) == id; };
  if (content_type.rfind("text/event-stream", 0) != 0) {
    ojson m = ojson::parse(body, nullptr, false);
    if (matches(m)) return m;
    return std::nullopt;
  }
  std::istringstream lines(body);
  std::string line;
  std::string data;
  const auto dispatch = [&]() -> std::optional<ojson> {
    if (data.empty()) return std::nullopt;
    ojson m = ojson::parse(data, nullptr, false);
    data.clear();
    if (matches(m)) return m;
    return std::nullopt;
  };
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (auto m = dispatch()) return m;
    } else if (line.rfind("data:", 0) == 0) {
      std::string piece = line.substr(5);
      if (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
      if (!data.empty()) data += '\n';
      data += piece;
    }
  }
  return dispatch();
}

// One MCP session with one server.
class Session {
 public:
  Session(std::string name, Endpoint endpoint, httplib::Headers headers)
      : name_(std::move(name)), endpoint_(std::move(endpoint)), client_(endpoint_.host, endpoint_.port),
        headers_(std::move(headers)) {
    client_.set_connection_timeout(kMcpTimeoutSeconds, 0);
    client_.set_read_timeout(kMcpTimeoutSeconds, 0);
    client_.set_write_timeout(kMcpTimeoutSeconds, 0);
  }

  // A request's result, or why there is none.
  std::variant<ojson, Failure> call(const std::string& method, ojson params) {
    const int id = ++next_id_;
    ojson message{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
    std::string content_type;
    std::variant<std::string, Failure> sent = post(message, content_type);
    if (auto* f = std::get_if<Failure>(&sent)) return *f;
    std::optional<ojson> answer = rpc_answer(std::get<0>(sent), content_type, id);
    if (!answer) return Failure{"did not answer " + method + " with a JSON-RPC response of id " + std::to_string(id)};
    if (answer->contains("error")) {
      const ojson err = (*answer)["error"];
      return Failure{"refused " + method + ": " + (err.is_object() ? err.value("message", err.dump()) : err.dump())};
    }
    auto result = answer->find("result");
    if (result == answer->end() || !result->is_object()) return Failure{"answered " + method + " without a result object"};
    return *result;
  }

  std::optional<Failure> notify(const std::string& method) {
    std::string content_type;
    std::variant<std::string, Failure> sent = post(ojson{{"jsonrpc", "2.0"}, {"method", method}}, content_type);
    if (auto* f = std::get_if<Failure>(&sent)) return *f;
    return std::nullopt;
  }

  void remember_session(const httplib::Headers& answer_headers) {
    if (auto it = answer_headers.find("Mcp-Session-Id"); it != answer_headers.end()) session_id_ = it->second;
  }

  // Ends the session the server opened (DELETE with its id), as a client
  // that is done with it does.
  void close() {
    if (session_id_.empty()) return;
    httplib::Headers h = headers_;
    h.emplace("Mcp-Session-Id", session_id_);
    client_.Delete(endpoint_.path.c_str(), h);
  }

 private:
  // The body of the server's 2xx answer to `message` (Content-Type in
  // `content_type`), or why there is none.
  std::variant<std::string, Failure> post(const ojson& message, std::string& content_type) {
    httplib::Request req;
    req.method = "POST";
    req.path = endpoint_.path;
    req.headers = headers_;
    req.headers.emplace("Accept", "application/json, text/event-stream");
    req.headers.emplace("Content-Type", "application/json");
    if (!session_id_.empty()) {
      req.headers.emplace("Mcp-Session-Id", session_id_);
      req.headers.emplace("MCP-Protocol-Version", kMcpProtocolVersion);
    }
    req.body = message.dump();
    std::string body;
    bool too_big = false;
    req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
      if (body.size() + n > kMcpMaxAnswerBytes) {
        too_big = true;
        return false;
      }
      body.append(data, n);
      return true;
    };
    httplib::Result res = client_.send(req);
    if (too_big) return Failure{"answered with more than 1 MiB"};
    if (!res) return Failure{"could not be reached (" + httplib::to_string(res.error()) + ")"};
    if (res->status < 200 || res->status >= 300) {
      return Failure{"answered HTTP " + std::to_string(res->status) + " to " + message.value("method", std::string())};
    }
    if (message.value("method", "") == "initialize") remember_session(res->headers);
    content_type = res->get_header_value("Content-Type");
    return body;
  }

  std::string name_;
  Endpoint endpoint_;
  httplib::Client client_;
  httplib::Headers headers_;
  std::string session_id_;
  int next_id_ = 0;
};

// The words of `text` that say what it is about: lowercased, four letters
// or more, without the commonest ones.
std::set<std::string> words_of(const std::string& text) {
  static const std::set<std::string> common = {"what", "with", "this", "that", "from", "your", "about", "which",
                                               "when", "where", "there", "have", "does", "please", "tell"};
  std::set<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 4 && !common.count(word)) out.insert(word);
      word.clear();
    }
  }
  return out;
}

// The tool whose name and description share the most words with the
// prompt; the first one on a tie.
const ojson* best_tool(const ojson& tools, const std::string& prompt) {
  const std::set<std::string> asked = words_of(prompt);
  const ojson* best = nullptr;
  size_t best_score = 0;
  for (const ojson& tool : tools) {
    if (!tool.is_object() || !tool.value("name", ojson()).is_string()) continue;
    std::string name = tool.value("name", "");
    std::replace(name.begin(), name.end(), '_', ' ');
    size_t score = 0;
    for (const std::string& w : words_of(name + " " + tool.value("description", ""))) score += asked.count(w);
    if (!best || score > best_score) {
      best = &tool;
      best_score = score;
    }
  }
  return best;
}

// The text of a tools/call result's content items.
std::string content_text(const ojson& result) {
  std::string text;
  for (const ojson& item : result.value("content", ojson::array())) {
    if (!item.is_object() || item.value("type", "") != "text") continue;
    if (!text.empty()) text += "\n";
    text += item.value("text", "");
  }
  return text;
}

// `text` with every secret the caller gave for the server's transport (its
// headers' values, and each long word of them: the token of "Bearer TOKEN")
// replaced, so that a server which quotes them back in an error or an answer
// cannot put them into the emulator's 400 or a model's text.
std::string without_secrets(std::string text, const httplib::Headers& headers) {
  std::vector<std::string> secrets;
  for (const auto& [name, value] : headers) {
    if (value.size() >= 4) secrets.push_back(value);
    std::istringstream words(value);
    for (std::string w; words >> w;) {
      if (w.size() >= 8) secrets.push_back(w);
    }
  }
  // Longest first, so a whole value goes before the words inside it.
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& secret : secrets) {
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 10)) {
      text.replace(at, secret.size(), "[REDACTED]");
    }
  }
  return text;
}

// The conversation with one server: its part of the answer, or why it
// could not be used.
std::variant<std::string, Failure> converse(const ojson& server, const std::string& prompt,
                                            const httplib::Headers& headers) {
  const ojson transport = server.value("streamableHttpTransport", ojson::object());
  const std::string url = transport.value("url", "");
  if (url.empty()) return Failure{"has no streamableHttpTransport.url"};
  std::variant<Endpoint, Failure> endpoint = loopback_endpoint(url);
  if (auto* f = std::get_if<Failure>(&endpoint)) return *f;
  Session session(server.value("name", ""), std::get<Endpoint>(endpoint), headers);
  std::variant<ojson, Failure> init =
      session.call("initialize", ojson{{"protocolVersion", kMcpProtocolVersion},
                                       {"capabilities", ojson::object()},
                                       {"clientInfo", ojson{{"name", "genai-emulator"}, {"version", "1"}}}});
  if (auto* f = std::get_if<Failure>(&init)) return *f;
  if (std::optional<Failure> f = session.notify("notifications/initialized")) return *f;
  std::variant<ojson, Failure> listed = session.call("tools/list", ojson::object());
  if (auto* f = std::get_if<Failure>(&listed)) return *f;
  const ojson tools = std::get<ojson>(listed).value("tools", ojson::array());
  const ojson* tool = best_tool(tools, prompt);
  if (!tool) {
    session.close();
    return std::string("it offers no tools");
  }
  const std::string tool_name = tool->value("name", "");
  const ojson schema = tool->value("inputSchema", ojson::object());
  ojson args = value_from_schema(schema, TextGenerator::hash(prompt + tool_name, 11));
  if (!args.is_object()) args = ojson::object();
  std::variant<ojson, Failure> called = session.call("tools/call", ojson{{"name", tool_name}, {"arguments", args}});
  session.close();
  if (auto* f = std::get_if<Failure>(&called)) return *f;
  const ojson& result = std::get<ojson>(called);
  const std::string text = content_text(result);
  std::string answer = result.value("isError", false) ? "The tool " + tool_name + " failed: " + text
                                                      : "The tool " + tool_name + " answered: " + text;
  return answer;
}

// One server's part of the answer, or why the server could not be used,
// with the transport's secrets taken out (without_secrets).
std::variant<std::string, Failure> ask_server(const ojson& server, const std::string& prompt) {
  httplib::Headers headers;
  const ojson sent_headers = server.value("streamableHttpTransport", ojson::object()).value("headers", ojson::object());
  for (const auto& [k, v] : sent_headers.items()) {
    if (v.is_string()) headers.emplace(k, v.get<std::string>());
  }
  std::variant<std::string, Failure> said = converse(server, prompt, headers);
  if (auto* f = std::get_if<Failure>(&said)) return Failure{without_secrets(std::move(f->why), headers)};
  return without_secrets(std::move(std::get<std::string>(said)), headers);
}

}  // namespace mcp_detail

std::variant<std::optional<std::string>, GoogleError> mcp_answer_for(const GeminiCall& call,
                                                                     const std::string& prompt) {
  using mcp_detail::ojson;
  if (call.vertex || !call.body.contains("tools") || !call.body["tools"].is_array()) return std::nullopt;
  std::optional<std::string> answer;
  for (const ojson& tool : call.body["tools"]) {
    if (!tool.is_object()) continue;
    for (const ojson& server : tool.value("mcpServers", ojson::array())) {
      if (!server.is_object()) continue;
      const std::string name = server.value("name", "");
      std::variant<std::string, mcp_detail::Failure> said = mcp_detail::ask_server(server, prompt);
      if (auto* f = std::get_if<mcp_detail::Failure>(&said)) {
        return invalid_argument("Failed to use MCP server '" + name + "': it " + f->why + ".");
      }
      answer = (answer ? *answer + "\n" : std::string()) + "From the MCP server " + name + ": " + std::get<0>(said);
    }
  }
  return answer;
}

}  // namespace genai::emulator
