// The refresh after an HTTP 401 under contention: many threads share one
// client whose token the server refuses early (revoked, or expired before the
// client's clock says so). A transport of the test's own plays the token
// endpoint and a Gemini endpoint that refuses the first token, holding the
// refused calls so that they meet; it counts the token exchanges.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "genai/genai.h"

namespace genai::testing {
namespace {

using std::chrono::seconds;

constexpr int kThreads = 64;

class RefusingTransport final : public HttpTransport {
 public:
  // How the calls refused with the first token are let go: all at once, or
  // one first and the rest only after it came back with the new token.
  enum class Release { kTogether, kOneThenTheRest };
  explicit RefusingTransport(Release release) : release_(release) {}

  int exchanges() const { return exchanges_.load(); }

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (request.url.find("/token") != std::string::npos) {
      const int n = ++exchanges_;
      return HttpResponse{200, {{"Content-Type", "application/json"}},
                          R"({"access_token":"t)" + std::to_string(n) + R"(","expires_in":3600})"};
    }
    const std::string authorization = find_header(request.headers, "Authorization").value_or("");
    if (authorization == "Bearer t1") {
      hold_refused_call();
      return HttpResponse{401, {{"Content-Type", "application/json"}},
                          R"({"error":{"code":401,"message":"Request had invalid authentication credentials.",)"
                          R"("status":"UNAUTHENTICATED"}})"};
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++renewed_;
    }
    cv_.notify_all();
    return HttpResponse{200, {{"Content-Type", "application/json"}},
                        R"({"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]}}]})"};
  }
  Result<std::unique_ptr<HttpStream>> open_stream(const HttpRequest&) override {
    return Error{ErrorKind::kTransport, 0, "", "no streams here"};
  }
  void send_async(HttpRequest request, Callback done, std::chrono::milliseconds) override { done(send(request)); }

 private:
  // Every call refused with t1 waits until all have arrived (so they all
  // carried t1); then they are answered as `release_` says. A bounded wait:
  // a bug shows as wrong counts, not a hung test.
  void hold_refused_call() {
    std::unique_lock<std::mutex> lock(mu_);
    const int me = arrived_++;
    cv_.notify_all();
    cv_.wait_for(lock, seconds(20), [&] { return arrived_ == kThreads; });
    if (release_ == Release::kOneThenTheRest && me != 0) {
      // The rest are refused only after the first came back with a new token:
      // dropping whatever token is current would throw that one away.
      cv_.wait_for(lock, seconds(20), [&] { return renewed_ > 0; });
    }
  }

  const Release release_;
  std::atomic<int> exchanges_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  int arrived_ = 0;
  int renewed_ = 0;
};

// 64 threads, one client, one generate_content each; returns how many succeeded.
int run_calls(const std::shared_ptr<RefusingTransport>& transport) {
  CredentialsOptions co;
  co.use_environment = false;
  auto credentials = make_authorized_user_credentials(
      R"({"type":"authorized_user","client_id":"c","client_secret":"s","refresh_token":"r",)"
      R"("token_uri":"http://127.0.0.1:9/token"})",
      co);
  EXPECT_TRUE(credentials) << credentials.error().to_string();
  ClientOptions o;
  o.vertexai = true;
  o.project = "p";
  o.location = "us-central1";
  o.use_environment = false;
  o.credentials = *credentials;
  o.transport = transport;
  o.http_options.base_url = "http://127.0.0.1:9";
  Client client = Client::create(o).value();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      auto r = client.models().generate_content("gemini-2.5-flash", "hi");
      if (r) ++ok;
      else ADD_FAILURE() << r.error().to_string();
    });
  }
  for (auto& t : threads) t.join();
  return ok.load();
}

TEST(TokenRefresh, SixtyFourCallsRefusedTogetherShareOneExchange) {
  auto transport = std::make_shared<RefusingTransport>(RefusingTransport::Release::kTogether);
  EXPECT_EQ(run_calls(transport), kThreads);
  // One exchange for the first token, one after the 401 for every call.
  EXPECT_EQ(transport->exchanges(), 2);
}

TEST(TokenRefresh, ACallRefusedAfterTheTokenWasReplacedUsesTheNewOne) {
  auto transport = std::make_shared<RefusingTransport>(RefusingTransport::Release::kOneThenTheRest);
  EXPECT_EQ(run_calls(transport), kThreads);
  EXPECT_EQ(transport->exchanges(), 2);
}

}  // namespace
}  // namespace genai::testing
