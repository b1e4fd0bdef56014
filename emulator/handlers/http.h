// The emulator's HTTP messages as plain values, and the one table of routes.
// A handler reads a Request and fills a Response; neither knows a socket, so
// every handler can be tested by calling it (tests/unit/emulator_handlers_test.cc)
// and the frontend (frontend/server.cc) only translates cpp-httplib's objects.
//
//   Router router;
//   router.get(R"(/v1beta/models/([^/:]+))", [](const Request& req, Response& res) {
//     res.set_content("{\"name\": \"models/" + req.matches[1] + "\"}", "application/json");
//   });
//   Request req{.method = "GET", .path = "/v1beta/models/gemini-2.5-flash"};
//   if (const Handler* h = router.find(req)) (*h)(req, res);
#ifndef GENAI_EMULATOR_HANDLERS_HTTP_H_
#define GENAI_EMULATOR_HANDLERS_HTTP_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <map>
#include <regex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/errors.h"

namespace genai::emulator {

// ASCII comparisons without regard to case, as HTTP compares header names,
// media types and the values of some headers (X-Goog-Upload-Protocol).
bool ascii_iequals(std::string_view a, std::string_view b);
bool ascii_istarts_with(std::string_view s, std::string_view prefix);

// HTTP header names compare without regard to case.
struct HeaderNameLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
using HeaderMap = std::multimap<std::string, std::string, HeaderNameLess>;

struct Request {
  std::string method;  // "GET", "POST", ...; HEAD is routed as GET
  std::string path;    // percent-decoded, without the query
  // The query's parameters (and a form body's), decoded; looked up by
  // string_view without building a string.
  std::multimap<std::string, std::string, std::less<>> params;
  HeaderMap headers;
  std::string body;
  std::string remote_addr;  // the peer's IP address
  // Filled by Router::find: [0] is the path, [i] the pattern's i-th group.
  std::vector<std::string> matches;
  // Set by fault injection (cut): a streamed answer drops the connection in
  // the middle of its second event; a Cloud Storage download after half
  // its bytes.
  bool cut_stream = false;
  // Set by fault injection (cutupload): an upload chunk keeps its first
  // cut_upload_bytes bytes (-1: half) and the connection drops.
  bool cut_upload = false;
  long cut_upload_bytes = -1;

  bool has_header(std::string_view name) const;
  std::string get_header_value(std::string_view name) const;  // the first one; "" when absent
  bool has_param(std::string_view name) const;
  std::string get_param_value(std::string_view name) const;   // the first one; "" when absent
};

struct Response {
  int status = 200;
  HeaderMap headers;
  std::string content_type;
  std::string body;
  // A streamed answer (chunked transfer encoding): `chunks` are written one
  // at a time, each after the first preceded by `chunk_delay`, so a client
  // sees them arrive as Google's stream would deliver them.
  bool streamed = false;
  std::vector<std::string> chunks;
  std::chrono::milliseconds chunk_delay{0};
  // The connection closes after the headers (and any chunks), the answer
  // unfinished: a network cut.
  bool drop_connection = false;
  // A body read from this file (body_path_size bytes) as it is sent, so a
  // large download is never held in memory; `body` is then unused.
  std::string body_path;
  std::uint64_t body_path_size = 0;
  // A body sent from a stream as it is read (a Cloud Storage download):
  // `body_stream_length` bytes from the stream's current position, never
  // held whole. The stream is kept open until the answer is written.
  std::shared_ptr<std::istream> body_stream;
  std::uint64_t body_stream_length = 0;
  // A fault (cut): the connection drops after this many of those bytes
  // (0: never), the rest of the promised length unsent.
  std::uint64_t body_stream_cut_at = 0;

  void set_content(std::string content, std::string_view type);
  void set_header(std::string name, std::string value);
  void stream(std::vector<std::string> pieces, std::string_view type);
};

using Handler = std::function<void(const Request&, Response&)>;

// Routes in registration order; the first whose method matches and whose
// pattern (an ECMAScript regex) matches the whole path wins.
class Router {
 public:
  void get(std::string_view pattern, Handler handler) { add("GET", pattern, std::move(handler)); }
  void post(std::string_view pattern, Handler handler) { add("POST", pattern, std::move(handler)); }
  void put(std::string_view pattern, Handler handler) { add("PUT", pattern, std::move(handler)); }
  void patch(std::string_view pattern, Handler handler) { add("PATCH", pattern, std::move(handler)); }
  void del(std::string_view pattern, Handler handler) { add("DELETE", pattern, std::move(handler)); }
  void add(std::string method, std::string_view pattern, Handler handler);

  // The handler for `req`, with req.matches filled; nullptr when no route
  // takes it.
  const Handler* find(Request& req) const;
  size_t size() const { return routes_.size(); }

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// Writes Google's error `e` into `res`.
void send_error(Response& res, const GoogleError& e);

// Google's own 404 page for a URL no API serves (an HTML page, not JSON).
void send_unknown_url(Response& res, std::string_view path);

// The two parts of a Google "multipart" upload (uploadType=multipart; Cloud
// Storage and the Files API alike): a multipart/related body whose first
// part is the JSON metadata and whose second is the bytes, with its type.
struct MultipartRelated {
  std::string metadata;
  std::string data;
  std::string data_type;  // the second part's Content-Type; empty when it has none
};
// nullopt when the body is not one: a Content-Type other than
// multipart/related or without a boundary, or not exactly two well-formed
// parts; `problem` (when given) then says which, in the words of Google's
// upload servers ("Invalid multipart request with 1 mime parts."), for the
// caller's 400.
std::optional<MultipartRelated> split_multipart_related(const Request& req, std::string* problem = nullptr);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_HTTP_H_
