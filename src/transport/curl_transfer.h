// Internal: one HTTP exchange on one curl easy handle: configuring it from an
// HttpRequest, collecting status, headers and body, and mapping curl's result
// to a genai::Error. Shared by the blocking, streaming and async paths.
#ifndef GENAI_SRC_TRANSPORT_CURL_TRANSFER_H_
#define GENAI_SRC_TRANSPORT_CURL_TRANSFER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "genai/http.h"
#include "transport/curl_handles.h"
#include "transport/proxy.h"

namespace genai::internal {

struct Transfer {
  CurlEasy easy;
  CurlSlist headers;
  HttpRequest request;
  HttpResponse response;
  bool headers_done = false;   // the final response's header block has ended
  bool streaming = false;      // body bytes go to stream_buffer, not response.body
  std::string stream_buffer;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  std::chrono::steady_clock::time_point started;
  std::chrono::milliseconds effective_timeout{0};
  const ProxyConfig* proxy = nullptr;  // the transport's, for naming the proxy in errors
  // The body bound (TransportOptions::max_response_bytes): `unclaimed` counts
  // the body bytes the caller has not taken yet (the whole body of send(); of
  // a 2xx stream, those since the last read(); of an error answer to a
  // stream, read whole by the client, all of them). Past `limit` the write
  // callback fails the transfer and sets `over_limit`, except that a 2xx
  // stream with bytes waiting is `paused` until read() takes them.
  std::size_t limit = SIZE_MAX;
  std::size_t unclaimed = 0;
  bool over_limit = false;
  bool paused = false;
  std::size_t content_length = 0;  // as announced, for the error when it is past the limit
};

// Sets what every transfer of a transport shares (share handle, TLS, user
// agent, callbacks) on a new easy handle, once: handles are reused without
// curl_easy_reset, which would make each transfer set it all again.
void configure_handle(CURL* h, const TransportOptions& options, CURLSH* share);

// Prepares `t.easy` (a handle from configure_handle, maybe used before) to
// perform `t.request`: sets every option that differs between requests (the
// proxy too: it depends on the request's scheme). Set `t.streaming` first.
void configure_transfer(Transfer& t, const TransportOptions& options, const ProxyConfig& proxy);

// Clears the handle's pointers into a Transfer (error buffer, header list,
// callback data) before the handle goes back to the pool without it.
void forget_transfer(CURL* h);

// Maps a finished transfer to the response or an Error (a 407 from a proxy
// is an auth Error naming the proxy, not a response).
Result<HttpResponse> finish_transfer(Transfer& t, CURLcode code);

// The error for a curl failure, with a message and a fix a user can act on.
Error curl_error(const Transfer& t, CURLcode code);

// The error for a stream whose deadline (HttpRequest::deadline, or one
// HttpStream::set_deadline set) passed before the bytes it waited for came.
Error stream_deadline_passed(const Transfer& t);

// The error for an answer of HTTP 407, which a proxy sends, never Google.
Error proxy_auth_error(const Transfer& t);

// Writes redacted trace lines for the request and the response.
void trace_request(const TransportOptions& options, const Transfer& t);
void trace_response(const TransportOptions& options, const Transfer& t);

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_CURL_TRANSFER_H_
