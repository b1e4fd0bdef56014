#include "transport/retry_policy.h"

#include <gtest/gtest.h>

#include "core/errors.h"

namespace genai::internal {
namespace {

using std::chrono::milliseconds;

RetryPolicy no_jitter(RetryOptions o = {}) {
  o.jitter = milliseconds(0);
  return RetryPolicy(o, [] { return 0.0; });
}

TEST(RetryPolicy, ExponentialBackoffCappedAtMax) {
  RetryOptions o;
  o.attempts = 10;
  o.max_delay = milliseconds(5000);
  const RetryPolicy p = no_jitter(o);
  const Error e = error_from_http(503, "");
  EXPECT_EQ(p.next_delay(1, e), milliseconds(1000));
  EXPECT_EQ(p.next_delay(2, e), milliseconds(2000));
  EXPECT_EQ(p.next_delay(3, e), milliseconds(4000));
  EXPECT_EQ(p.next_delay(4, e), milliseconds(5000));
  EXPECT_EQ(p.next_delay(9, e), milliseconds(5000));
  EXPECT_EQ(p.next_delay(10, e), std::nullopt);  // attempts include the first
}

TEST(RetryPolicy, DefaultsAreFiveAttempts) {
  const RetryPolicy p = no_jitter();
  const Error e = error_from_http(429, "");
  EXPECT_TRUE(p.next_delay(4, e));
  EXPECT_FALSE(p.next_delay(5, e));
}

TEST(RetryPolicy, JitterStaysInBounds) {
  RetryOptions o;
  o.jitter = milliseconds(1000);
  const RetryPolicy high(o, [] { return 0.999; });
  const RetryPolicy low(o, [] { return 0.0; });
  const Error e = error_from_http(500, "");
  EXPECT_EQ(low.next_delay(1, e), milliseconds(1000));
  EXPECT_EQ(high.next_delay(1, e), milliseconds(1999));
}

TEST(RetryPolicy, ServerDelayIsALowerBound) {
  const RetryPolicy p = no_jitter();
  Error e = error_from_http(429, R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[
      {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"26s"}]}})");
  EXPECT_EQ(p.next_delay(1, e), milliseconds(26000));
  e.retry_delay = milliseconds(60'000);  // max_delay itself is waited
  EXPECT_EQ(p.next_delay(1, e), milliseconds(60000));
}

TEST(RetryPolicy, AServerDelayThatDoesNotFitIsNotWaitedAtAll) {
  const RetryPolicy p = no_jitter();
  Error e = error_from_http(429, R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"Quota exceeded",
      "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3600s"}]}})");
  // More than max_delay (60 s): a shorter wait would be refused again.
  RetryPolicy::Decision d = p.decide(1, e);
  EXPECT_FALSE(d.wait);
  ASSERT_TRUE(d.gave_up);
  EXPECT_EQ(d.gave_up->retry_delay, milliseconds(3'600'000));
  EXPECT_EQ(d.gave_up->status, "RESOURCE_EXHAUSTED");
  // Within max_delay but past what is left of the deadline.
  e.retry_delay = milliseconds(42'000);
  d = p.decide(1, e, milliseconds(41'999));
  EXPECT_FALSE(d.wait);
  ASSERT_TRUE(d.gave_up);
  EXPECT_NE(d.gave_up->message.find("HttpOptions::deadline"), std::string::npos) << d.gave_up->message;
  EXPECT_EQ(p.decide(1, e, milliseconds(42'001)).wait, milliseconds(42'000));
  // A final error is final, deadline or not: nothing to explain.
  d = p.decide(1, error_from_http(400, ""), milliseconds(1));
  EXPECT_FALSE(d.wait);
  EXPECT_FALSE(d.gave_up);
}

TEST(RetryPolicy, WhatIsRetryable) {
  const RetryPolicy p = no_jitter();
  for (int code : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(p.is_retryable(error_from_http(code, ""))) << code;
  for (int code : {400, 401, 403, 404, 501}) EXPECT_FALSE(p.is_retryable(error_from_http(code, ""))) << code;
  EXPECT_TRUE(p.is_retryable(transport_error("refused")));
  EXPECT_FALSE(p.is_retryable(cancelled_error()));
  EXPECT_FALSE(p.is_retryable(auth_error("x", "y")));
  EXPECT_FALSE(p.is_retryable(invalid_argument("x")));
  RetryOptions o;
  o.retry_transport_errors = false;
  o.http_status_codes = {503};
  const RetryPolicy custom = no_jitter(o);
  EXPECT_FALSE(custom.is_retryable(transport_error("refused")));
  EXPECT_FALSE(custom.is_retryable(error_from_http(429, "")));
  EXPECT_TRUE(custom.is_retryable(error_from_http(503, "")));
}

TEST(RetryPolicy, SingleAttemptDisablesRetries) {
  RetryOptions o;
  o.attempts = 1;
  EXPECT_FALSE(no_jitter(o).next_delay(1, error_from_http(503, "")));
}

}  // namespace
}  // namespace genai::internal
