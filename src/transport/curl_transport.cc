// The libcurl HttpTransport: blocking calls on pooled easy handles, pull-based
// streams that drive their own multi handle from read(), and one event-loop
// thread (a multi handle) for every asynchronous call of the transport.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/errors.h"
#include "core/redact.h"
#include "transport/curl_handles.h"
#include "transport/curl_transfer.h"

namespace genai::internal {
namespace {

using Clock = std::chrono::steady_clock;
using OnData = std::function<Result<HttpTransport::Deadline>(std::string bytes)>;

// Easy handles keep per-handle state worth reusing (TLS context, buffers,
// the options every transfer shares); the connections live in the share.
class EasyPool {
 public:
  EasyPool(const TransportOptions& options, CURLSH* share) : options_(options), share_(share) {}

  CurlEasy take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        CurlEasy h = std::move(free_.back());
        free_.pop_back();
        return h;
      }
    }
    CurlEasy h(curl_easy_init());
    configure_handle(h.get(), options_, share_);
    return h;
  }
  void give_back(CurlEasy h) {
    if (!h) return;
    forget_transfer(h.get());
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < 64) free_.push_back(std::move(h));
  }

 private:
  const TransportOptions& options_;
  CURLSH* share_;
  std::mutex mu_;
  std::vector<CurlEasy> free_;
};

// A streamed response: read() runs curl_multi_perform/poll on this stream's own
// multi handle until body bytes arrive, so no thread is needed.
class CurlStream final : public HttpStream {
 public:
  // `owner` is the transport: its share handle (locked by curl while this
  // stream's easy handle is cleaned up) and options must outlive the stream,
  // which a caller may keep after dropping the Client.
  // `t` is configured with t->streaming set.
  CurlStream(std::unique_ptr<Transfer> t, const TransportOptions& options, std::shared_ptr<const HttpTransport> owner)
      : owner_(std::move(owner)),
        transfer_(std::move(t)),
        options_(options),
        multi_(curl_multi_init()),
        deadline_(transfer_->request.deadline) {
    curl_multi_add_handle(multi_.get(), transfer_->easy.get());
  }
  ~CurlStream() override {
    curl_multi_remove_handle(multi_.get(), transfer_->easy.get());
  }

  int status() const override { return transfer_->response.status; }
  const HttpHeaders& headers() const override { return transfer_->response.headers; }

  // Drives the transfer until the header block has arrived.
  Result<void> wait_for_headers() {
    while (!transfer_->headers_done && !finished_) {
      if (auto r = pump(); !r) return r;
    }
    // A failure after the headers (a cut body) is reported by read(), once the
    // bytes that did arrive have been delivered.
    if (!transfer_->headers_done && result_ != CURLE_OK) return curl_error(*transfer_, result_);
    if (!transfer_->headers_done) {
      long code = 0;
      curl_easy_getinfo(transfer_->easy.get(), CURLINFO_RESPONSE_CODE, &code);
      transfer_->response.status = static_cast<int>(code);
    }
    trace_response(options_, *transfer_);
    if (transfer_->response.status == 407) return proxy_auth_error(*transfer_);
    return {};
  }

  Result<std::optional<std::string>> read() override {
    while (transfer_->stream_buffer.empty() && !finished_) {
      if (auto r = pump(); !r) return std::move(r).error();
    }
    if (!transfer_->stream_buffer.empty()) {
      std::string out;
      out.swap(transfer_->stream_buffer);
      // The caller has these bytes now: a 2xx stream is bounded per read()
      // (and per event, by the SSE parser), not in total. An error answer is
      // read whole by the client, so its count runs on.
      const int status = transfer_->response.status;
      if (status >= 200 && status < 300) transfer_->unclaimed = 0;
      if (transfer_->paused) {
        // curl offers the bytes it held back at once, into the now empty buffer.
        transfer_->paused = false;
        curl_easy_pause(transfer_->easy.get(), CURLPAUSE_CONT);
      }
      return std::optional<std::string>(std::move(out));
    }
    if (result_ != CURLE_OK) return curl_error(*transfer_, result_);
    return std::optional<std::string>();
  }

  void cancel() override {
    cancelled_.store(true);
    curl_multi_wakeup(multi_.get());
  }

  // Only read() (the same thread) looks at it.
  void set_deadline(std::optional<Clock::time_point> deadline) override { deadline_ = deadline; }

 private:
  Result<void> pump() {
    if (cancelled_.load()) return cancelled_error("the stream was cancelled");
    int poll_ms = 1000;
    if (deadline_) {
      // Checked before each wait for bytes, not only when none come: a
      // server that trickles a byte at a time must not stretch it.
      const Clock::time_point now = Clock::now();
      if (now >= *deadline_) return stream_deadline_passed(*transfer_);
      poll_ms = static_cast<int>(
          std::min<long long>(poll_ms, std::chrono::ceil<std::chrono::milliseconds>(*deadline_ - now).count()));
    }
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
      if (msg->msg == CURLMSG_DONE) {
        finished_ = true;
        result_ = msg->data.result;
      }
    }
    const bool progress = transfer_->headers_done ? !transfer_->stream_buffer.empty() : false;
    if (!finished_ && !progress) curl_multi_poll(multi_.get(), nullptr, 0, poll_ms, nullptr);
    if (cancelled_.load()) return cancelled_error("the stream was cancelled");
    return {};
  }

  std::shared_ptr<const HttpTransport> owner_;  // first: destroyed last
  std::unique_ptr<Transfer> transfer_;
  const TransportOptions& options_;
  CurlMulti multi_;
  std::atomic<bool> cancelled_{false};
  bool finished_ = false;
  CURLcode result_ = CURLE_OK;
  std::optional<Clock::time_point> deadline_;
};

// One thread with one multi handle serving every send_async and stream_async
// of a transport.
class EventLoop {
 public:
  EventLoop(const TransportOptions& options, const ProxyConfig& proxy, EasyPool& pool)
      : options_(options), proxy_(proxy), pool_(pool), multi_(curl_multi_init()) {
    curl_multi_setopt(multi_.get(), CURLMOPT_MAX_HOST_CONNECTIONS, options_.max_connections_per_host);
    // curl keeps at most 4 idle connections per transfer in the multi handle;
    // between a burst of completions and the caller's next requests that can
    // be far fewer than max_connections_per_host, and the connections beyond
    // it were closed and opened again (84 connects for 2000 requests at 32 in
    // flight instead of 32). Keep room for every connection to the busiest
    // host, and as many again for others (the token endpoint, uploads).
    if (options_.max_connections_per_host > 0) {
      curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS, 2 * options_.max_connections_per_host);
    }
    thread_ = std::thread([this] { run(); });
  }
  bool on_loop_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

  ~EventLoop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    curl_multi_wakeup(multi_.get());
    thread_.join();
  }

  // `on_data` set: a stream (HttpTransport::stream_async).
  void submit(HttpRequest request, HttpTransport::Callback done, std::chrono::milliseconds delay,
              OnData on_data = {}) {
    // A call made from a callback, on the loop thread itself, needs no
    // wakeup: the loop looks at incoming_ before it next waits.
    const bool on_loop = std::this_thread::get_id() == thread_.get_id();
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (stopping_) {
        lock.unlock();  // the callback may submit again
        call(done, cancelled_error("the transport is shutting down"));
        return;
      }
      incoming_.push_back(
          Pending{Clock::now() + delay, seq_++, std::move(request), std::move(done), std::move(on_data)});
      // One wakeup (a syscall on each side) is enough for every call queued
      // before the loop next takes incoming_.
      if (wakeup_pending_ || on_loop) return;
      wakeup_pending_ = true;
    }
    curl_multi_wakeup(multi_.get());
  }

 private:
  struct Pending {
    Clock::time_point due;
    uint64_t seq;
    HttpRequest request;
    HttpTransport::Callback done;
    OnData on_data;
  };
  struct Later {
    bool operator()(const Pending& a, const Pending& b) const {
      return a.due != b.due ? a.due > b.due : a.seq > b.seq;
    }
  };
  struct Active {
    std::unique_ptr<Transfer> transfer;
    HttpTransport::Callback done;
    OnData on_data;                         // a stream's; empty otherwise
    std::optional<Clock::time_point> deadline;  // a stream's, as on_data last moved it
  };

  static void call(HttpTransport::Callback& done, Result<HttpResponse> r) {
    try {
      done(std::move(r));
    } catch (...) {
      // A throwing callback must not take the loop (and every other call) down.
    }
  }

  void start(Pending p) {
    auto t = std::make_unique<Transfer>();
    t->easy = pool_.take();
    t->request = std::move(p.request);
    t->streaming = static_cast<bool>(p.on_data);
    configure_transfer(*t, options_, proxy_);
    CURL* easy = t->easy.get();
    const std::optional<Clock::time_point> deadline = t->request.deadline;
    if (p.on_data) ++streams_;
    active_.emplace(easy, Active{std::move(t), std::move(p.done), std::move(p.on_data), deadline});
    curl_multi_add_handle(multi_.get(), easy);
  }

  // Takes a finished transfer out of the loop and answers its caller.
  void finish(std::unordered_map<CURL*, Active>::iterator it, Result<HttpResponse> r) {
    curl_multi_remove_handle(multi_.get(), it->first);
    Active a = std::move(it->second);
    active_.erase(it);
    if (a.on_data) --streams_;
    if (r) {
      // A stream's error answer was collected where its body would have gone.
      if (a.on_data) r->body = std::move(a.transfer->stream_buffer);
      trace_response(options_, *a.transfer);
    }
    pool_.give_back(std::move(a.transfer->easy));
    call(a.done, std::move(r));
  }

  // Hands each stream the bytes that arrived for it and cuts the ones whose
  // deadline passed. Returns the time until the nearest deadline left, so
  // the loop wakes for it. Walks every transfer, but only while a stream
  // is among them.
  std::optional<Clock::duration> serve_streams() {
    std::optional<Clock::duration> next;
    if (streams_ == 0) return next;
    const Clock::time_point now = Clock::now();
    for (auto it = active_.begin(); it != active_.end();) {
      auto current = it++;
      Active& a = current->second;
      if (!a.on_data) continue;
      Transfer& t = *a.transfer;
      const bool ok_status = t.response.status >= 200 && t.response.status < 300;
      if (t.headers_done && ok_status && !t.stream_buffer.empty()) {
        std::string bytes;
        bytes.swap(t.stream_buffer);
        t.unclaimed = 0;
        Result<HttpTransport::Deadline> moved = deliver(a.on_data, std::move(bytes));
        if (!moved) {
          finish(current, std::move(moved).error());
          continue;
        }
        a.deadline = *moved;
        if (t.paused) {
          t.paused = false;
          curl_easy_pause(t.easy.get(), CURLPAUSE_CONT);
          // curl may hand over what it held back at once, into the buffer:
          // do not sleep on bytes that are already here.
          if (!t.stream_buffer.empty()) next = Clock::duration::zero();
        }
      }
      if (a.deadline) {
        if (now >= *a.deadline) {
          finish(current, stream_deadline_passed(t));
          continue;
        }
        if (!next || *a.deadline - now < *next) next = *a.deadline - now;
      }
    }
    return next;
  }

  static Result<HttpTransport::Deadline> deliver(OnData& on_data, std::string bytes) {
    try {
      return on_data(std::move(bytes));
    } catch (...) {
      return cancelled_error("the stream's data callback threw an exception");
    }
  }

  void run() {
    std::priority_queue<Pending, std::vector<Pending>, Later> timers;
    while (true) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) break;
        for (Pending& p : incoming_) timers.push(std::move(p));
        incoming_.clear();
        wakeup_pending_ = false;
      }
      const auto now = Clock::now();
      while (!timers.empty() && timers.top().due <= now) {
        start(std::move(const_cast<Pending&>(timers.top())));
        timers.pop();
      }
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      // Bytes first: a stream that also ended in this round gets its last
      // bytes before its end.
      const std::optional<Clock::duration> stream_wait = serve_streams();
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        auto it = active_.find(msg->easy_handle);
        if (it == active_.end()) continue;  // a stream serve_streams already ended
        const CURLcode code = msg->data.result;
        Result<HttpResponse> r = finish_transfer(*it->second.transfer, code);
        finish(it, std::move(r));
      }
      {
        // Callbacks above may have queued calls (without a wakeup): start them now.
        std::lock_guard<std::mutex> lock(mu_);
        if (!incoming_.empty() && !stopping_) continue;
      }
      long wait_ms = 1000;
      if (!timers.empty()) {
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(timers.top().due - Clock::now());
        wait_ms = std::clamp<long>(static_cast<long>(until.count()), 0, wait_ms);
      }
      if (stream_wait) {
        wait_ms = std::min<long>(wait_ms, static_cast<long>(std::chrono::ceil<std::chrono::milliseconds>(*stream_wait).count()));
      }
      long curl_ms = -1;
      curl_multi_timeout(multi_.get(), &curl_ms);
      if (curl_ms >= 0) wait_ms = std::min(wait_ms, curl_ms);
      if (wait_ms > 0) curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(wait_ms), nullptr);
    }
    // Shutting down: everything not finished is cancelled, each callback once.
    for (auto& [easy, a] : active_) {
      curl_multi_remove_handle(multi_.get(), easy);
      call(a.done, cancelled_error("the transport was destroyed before the call finished"));
    }
    active_.clear();
    while (!timers.empty()) {
      Pending p = std::move(const_cast<Pending&>(timers.top()));
      timers.pop();
      call(p.done, cancelled_error("the transport was destroyed before the call started"));
    }
    std::vector<Pending> rest;
    {
      std::lock_guard<std::mutex> lock(mu_);
      rest.swap(incoming_);
    }
    for (Pending& p : rest) call(p.done, cancelled_error("the transport was destroyed before the call started"));
  }

  const TransportOptions& options_;
  const ProxyConfig& proxy_;
  EasyPool& pool_;
  CurlMulti multi_;
  std::mutex mu_;
  bool stopping_ = false;
  bool wakeup_pending_ = false;  // submit() woke the loop and it has not yet taken incoming_
  uint64_t seq_ = 0;
  std::vector<Pending> incoming_;
  std::unordered_map<CURL*, Active> active_;
  std::size_t streams_ = 0;  // how many of active_ are streams
  std::thread thread_;
};

class CurlTransport final : public HttpTransport, public std::enable_shared_from_this<CurlTransport> {
 public:
  explicit CurlTransport(TransportOptions options) : options_(std::move(options)), pool_(options_, share_.get()) {
    // An unusable proxy setting fails every call with the same clear error
    // (make_curl_transport has no way to fail).
    Result<ProxyConfig> proxy = make_proxy_config(options_.proxy);
    if (proxy) {
      proxy_ = std::move(*proxy);
    } else {
      config_error_ = std::move(proxy).error();
    }
    // proxy_ holds the password from here on, and wipes it when destroyed.
    wipe_secret(options_.proxy.password);
    options_.proxy.password.clear();
  }
  ~CurlTransport() override {
    loop_.reset();  // joins the loop thread before the share and pool go away
  }

  // Whether this is the event loop's own thread (a callback running on it).
  bool on_loop_thread() const { return loop_ && loop_->on_loop_thread(); }

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (config_error_) return *config_error_;
    Transfer t;
    t.easy = pool_.take();
    t.request = request;
    configure_transfer(t, options_, proxy_);
    const CURLcode code = curl_easy_perform(t.easy.get());
    Result<HttpResponse> r = finish_transfer(t, code);
    if (r) trace_response(options_, t);
    pool_.give_back(std::move(t.easy));
    return r;
  }

  Result<std::unique_ptr<HttpStream>> open_stream(const HttpRequest& request) override {
    if (config_error_) return *config_error_;
    auto t = std::make_unique<Transfer>();
    t->easy = pool_.take();
    t->request = request;
    t->streaming = true;
    configure_transfer(*t, options_, proxy_);
    auto stream = std::make_unique<CurlStream>(std::move(t), options_, shared_from_this());
    if (Result<void> r = stream->wait_for_headers(); !r) return std::move(r).error();
    return std::unique_ptr<HttpStream>(std::move(stream));
  }

  void send_async(HttpRequest request, Callback done, std::chrono::milliseconds delay) override {
    if (config_error_) {
      done(*config_error_);
      return;
    }
    loop().submit(std::move(request), std::move(done), delay);
  }

  void stream_async(HttpRequest request, StreamCallbacks callbacks, std::chrono::milliseconds delay) override {
    if (config_error_) {
      callbacks.done(*config_error_);
      return;
    }
    loop().submit(std::move(request), std::move(callbacks.done), delay, std::move(callbacks.on_data));
  }

 private:
  EventLoop& loop() {
    std::call_once(loop_once_, [this] { loop_ = std::make_unique<EventLoop>(options_, proxy_, pool_); });
    return *loop_;
  }

  TransportOptions options_;
  ProxyConfig proxy_;
  std::optional<Error> config_error_;
  CurlShare share_;
  EasyPool pool_;
  std::once_flag loop_once_;
  std::unique_ptr<EventLoop> loop_;
};

}  // namespace
}  // namespace genai::internal

namespace genai {

std::shared_ptr<HttpTransport> make_curl_transport(const TransportOptions& options) {
  internal::curl_global_init_once();
  // The last owner may let go on the event loop itself: a callback that
  // drops the client, or a pending call that held the last reference to a
  // credential sharing this transport. The loop cannot join its own thread,
  // so the transport is then destroyed on a thread of its own, which waits
  // for the loop to finish the callback and stop.
  return std::shared_ptr<internal::CurlTransport>(new internal::CurlTransport(options), [](internal::CurlTransport* t) {
    if (t->on_loop_thread()) {
      std::thread([t] { delete t; }).detach();
    } else {
      delete t;
    }
  });
}

}  // namespace genai
