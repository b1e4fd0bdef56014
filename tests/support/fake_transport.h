// A scripted HttpTransport for tests of the request pipeline without a
// server: each request takes the next scripted answer (a response, a stream's
// pieces, or a transport error) and is recorded with its headers as sent.
// send_async answers on the caller's thread at once; the delay it was asked
// to wait is recorded instead of waited. Header-only.
//
//   FakeTransport t;
//   t.answer(503).answer(200, R"({"ok":true})");
//   Pipeline p(t, retry, deadline, clock);
#ifndef GENAI_TESTS_SUPPORT_FAKE_TRANSPORT_H_
#define GENAI_TESTS_SUPPORT_FAKE_TRANSPORT_H_

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <genai/client.h>
#include <genai/http.h>

namespace genai::testing {

class FakeTransport : public HttpTransport, public std::enable_shared_from_this<FakeTransport> {
 public:
  struct Answer {
    std::optional<Error> error;       // a transport failure instead of a response
    int status = 200;
    HttpHeaders headers;
    std::vector<std::string> pieces;  // the body, as separate reads
    std::optional<Error> cut;         // a stream: read() fails with this after the pieces
  };

  static std::shared_ptr<FakeTransport> make() { return std::make_shared<FakeTransport>(); }

  FakeTransport& answer(int status, std::string body = {}, HttpHeaders headers = {}) {
    Answer a;
    a.status = status;
    a.headers = std::move(headers);
    if (!body.empty()) a.pieces.push_back(std::move(body));
    return script(std::move(a));
  }
  FakeTransport& fail(Error e) {
    Answer a;
    a.error = std::move(e);
    return script(std::move(a));
  }
  FakeTransport& stream(std::vector<std::string> pieces, std::optional<Error> cut = std::nullopt, int status = 200) {
    Answer a;
    a.status = status;
    a.pieces = std::move(pieces);
    a.cut = std::move(cut);
    return script(std::move(a));
  }
  FakeTransport& script(Answer a) {
    std::lock_guard<std::mutex> lock(mu_);
    answers_.push_back(std::move(a));
    return *this;
  }

  // Every request as sent, in order.
  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  std::vector<std::chrono::milliseconds> async_delays() const {
    std::lock_guard<std::mutex> lock(mu_);
    return delays_;
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    Answer a = next(request);
    if (a.error) return *a.error;
    HttpResponse r;
    r.status = a.status;
    r.headers = a.headers;
    for (const std::string& p : a.pieces) r.body += p;
    return r;
  }

  Result<std::unique_ptr<HttpStream>> open_stream(const HttpRequest& request) override {
    Answer a = next(request);
    if (a.error) return *a.error;
    return std::unique_ptr<HttpStream>(std::make_unique<ScriptedStream>(std::move(a)));
  }

  void send_async(HttpRequest request, Callback done, std::chrono::milliseconds delay) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      delays_.push_back(delay);
    }
    done(send(request));
  }

  // The stream's pieces to on_data one by one, then its end (or its cut),
  // all on the caller's thread at once.
  void stream_async(HttpRequest request, StreamCallbacks callbacks, std::chrono::milliseconds delay) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      delays_.push_back(delay);
    }
    Answer a = next(request);
    if (a.error) return callbacks.done(*a.error);
    HttpResponse head;
    head.status = a.status;
    head.headers = a.headers;
    if (a.status < 200 || a.status >= 300) {
      for (const std::string& p : a.pieces) head.body += p;
      return callbacks.done(std::move(head));
    }
    for (const std::string& p : a.pieces) {
      if (Result<Deadline> go_on = callbacks.on_data(p); !go_on) return callbacks.done(std::move(go_on).error());
    }
    if (a.cut) return callbacks.done(*a.cut);
    callbacks.done(std::move(head));
  }

 private:
  class ScriptedStream final : public HttpStream {
   public:
    explicit ScriptedStream(Answer a) : a_(std::move(a)) {}
    int status() const override { return a_.status; }
    const HttpHeaders& headers() const override { return a_.headers; }
    Result<std::optional<std::string>> read() override {
      if (next_ < a_.pieces.size()) return std::optional<std::string>(a_.pieces[next_++]);
      if (a_.cut) return *a_.cut;
      return std::optional<std::string>();
    }
    void cancel() override {}

   private:
    Answer a_;
    size_t next_ = 0;
  };

  Answer next(const HttpRequest& request) {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (answers_.empty()) {
      Answer a;
      a.status = 599;
      a.pieces = {"FakeTransport: no scripted answer left"};
      return a;
    }
    Answer a = std::move(answers_.front());
    answers_.pop_front();
    return a;
  }

  mutable std::mutex mu_;
  std::deque<Answer> answers_;
  std::vector<HttpRequest> requests_;
  std::vector<std::chrono::milliseconds> delays_;
};

// A Developer API client over `t`, with one attempt per call (no retries)
// and no environment.
inline Client client_over(const std::shared_ptr<FakeTransport>& t) {
  ClientOptions o;
  o.api_key = "test-key";
  o.use_environment = false;
  o.transport = t;
  o.http_options.retry.attempts = 1;
  return Client::create(std::move(o)).value();
}

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_FAKE_TRANSPORT_H_
